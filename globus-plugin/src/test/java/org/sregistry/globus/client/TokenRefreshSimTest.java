package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.StoredTokens;
import org.sregistry.globus.tokens.TokenStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRefreshSimTest {

    private static final String TOKEN = "POST /auth/v2/oauth2/token";
    private static final String SEARCH = "GET /transfer/v0.10/endpoint_search";
    private static final String RS = GlobusScopes.TRANSFER_RESOURCE_SERVER;

    @TempDir
    static Path dir;
    static SimHarness h;
    static final EndpointSearch MINE = EndpointSearch.scope(EndpointScope.MY_ENDPOINTS);

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir.resolve("sim"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void clear() throws Exception {
        h.sleeps.clear();
        h.resetStats();
    }

    @AfterEach
    void restoreLifetime() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 172800));
    }

    @Test
    void tokenNearExpiryIsRefreshedBeforeUseAndTheRotationPersisted() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30)); // inside the 60 s margin from the start
        TokenSet login = h.login();
        InMemoryTokenProvider provider = InMemoryTokenProvider.of(login);
        TransferClient transfer = h.transfer(new AccessTokenManager(provider, h.auth));
        h.resetStats();

        transfer.searchEndpoints(MINE);
        assertThat(h.requests(TOKEN)).isEqualTo(1);
        assertThat(h.requests(SEARCH)).isEqualTo(1); // no 401 round trip: refreshed before use
        ResourceToken now = provider.token(RS).orElseThrow();
        assertThat(now.accessToken()).isNotEqualTo(login.transfer().orElseThrow().accessToken());
        assertThat(now.hasRefreshToken()).isTrue();

        transfer.searchEndpoints(MINE); // still inside the margin: refreshed again with the rotated refresh token
        assertThat(h.requests(TOKEN)).isEqualTo(2);
    }

    @Test
    void unauthorizedTriggersExactlyOneRefreshAndRetry() throws Exception {
        TokenSet login = h.login();
        TransferClient transfer = h.transfer(h.manager(login));
        h.auth.revoke(login.transfer().orElseThrow().accessToken()); // access token dead, refresh token alive
        h.resetStats();

        assertThat(transfer.searchEndpoints(MINE)).isNotNull();
        assertThat(h.requests(SEARCH)).isEqualTo(2);
        assertThat(h.requests(TOKEN)).isEqualTo(1);
        assertThat(h.sleeps()).isEmpty();
    }

    @Test
    void unauthorizedWithoutRefreshTokenFailsOnceWithAuthenticationFailed() throws Exception {
        TransferClient transfer = h.transfer(AccessTokenManager.fixed(RS, "bogus-access-token"));
        assertThatThrownBy(() -> transfer.searchEndpoints(MINE)).isInstanceOfSatisfying(GlobusApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.isCode("ClientError.AuthenticationFailed")).isTrue();
            assertThat(e.loginRequired()).isFalse();
        });
        assertThat(h.requests(SEARCH)).isEqualTo(1);
    }

    @Test
    void revokedRefreshTokenIsATypedLoginRequiredError() throws Exception {
        TransferClient transfer = h.transfer(h.manager(h.login()));
        h.revokeAll();
        h.resetStats();
        assertThatThrownBy(() -> transfer.searchEndpoints(MINE)).isInstanceOfSatisfying(LoginRequiredException.class,
                e -> assertThat(e.loginRequired()).isTrue());
        assertThat(h.requests(TOKEN)).isEqualTo(1);
    }

    @Test
    void expiredAndRevokedIsLoginRequiredBeforeAnyTransferCall() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30));
        TransferClient transfer = h.transfer(h.manager(h.login()));
        h.revokeAll();
        h.resetStats();
        assertThatThrownBy(() -> transfer.searchEndpoints(MINE)).isInstanceOf(LoginRequiredException.class);
        assertThat(h.requests(SEARCH)).isZero();
    }

    @Test
    void noStoredTokenIsLoginRequired() {
        TransferClient transfer = h.transfer(new AccessTokenManager(new InMemoryTokenProvider(), h.auth));
        assertThatThrownBy(() -> transfer.searchEndpoints(MINE)).isInstanceOf(LoginRequiredException.class);
    }

    @Test
    void tokenStoreBackedClientPersistsRefreshesToTheFile() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30));
        TokenStore store = new TokenStore(dir.resolve("plugin/tokens.json"));
        TokenSet login = h.login();
        store.saveLogin(login, null, ServiceRoots.of(h.config));
        TransferClient transfer = h.transfer(new AccessTokenManager(store.provider(ServiceRoots.of(h.config)), h.auth));
        transfer.searchEndpoints(MINE);

        ResourceToken onDisk = new TokenStore(store.file()).read().token(RS).orElseThrow();
        assertThat(onDisk.accessToken()).isNotEqualTo(login.transfer().orElseThrow().accessToken());
        h.simConfig(Map.of("access_token_lifetime_seconds", 172800));
        // the persisted (possibly rotated) refresh token is the live one
        assertThat(h.auth.refresh(onDisk.refreshToken()).transfer()).isPresent();
    }

    @Test
    void concurrentCallersShareOneRefresh() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30));
        TokenSet login = h.login();
        h.simConfig(Map.of("access_token_lifetime_seconds", 172800)); // the refreshed token will be long-lived
        TransferClient transfer = h.transfer(h.manager(login));
        h.resetStats();
        Thread[] threads = new Thread[6];
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                transfer.searchEndpoints(MINE);
                ok.incrementAndGet();
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ok.get()).isEqualTo(threads.length);
        assertThat(h.requests(TOKEN)).isEqualTo(1);
    }

    /** Starts a call that must refresh first, with the refresh answer held for 1.5 s, and waits until it is sent. */
    private CompletableFuture<Void> callDuringHeldRefresh(TokenStore store) throws Exception {
        h.fault(TOKEN, 0, 1, null, 1500);
        TransferClient transfer = h.transfer(new AccessTokenManager(store.provider(ServiceRoots.of(h.config)), h.auth));
        h.resetStats();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> transfer.searchEndpoints(MINE));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (h.requests(TOKEN) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(h.requests(TOKEN)).as("the refresh is on its way").isEqualTo(1);
        return call;
    }

    @Test
    void aLogoutDuringARefreshIsNotUndoneByItsResult() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30)); // the stored token needs a refresh before use
        TokenStore store = new TokenStore(dir.resolve("logout/tokens.json"));
        store.saveLogin(h.login(), null, ServiceRoots.of(h.config));
        int revokesBefore = h.requests("POST /auth/v2/oauth2/token/revoke");
        CompletableFuture<Void> call = callDuringHeldRefresh(store);

        store.delete(); // the logout, while Globus has not answered the refresh yet

        assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LoginRequiredException.class);
        assertThat(Files.exists(store.file())).as("no token file resurrected").isFalse();
        assertThat(h.requests(SEARCH)).isZero();
        // the tokens the late refresh answer carried are revoked, not left valid at Globus
        assertThat(h.requests("POST /auth/v2/oauth2/token/revoke") - revokesBefore).isEqualTo(1);
    }

    @Test
    void aNewLoginDuringARefreshWinsOverItsResult() throws Exception {
        h.simConfig(Map.of("access_token_lifetime_seconds", 30));
        TokenStore store = new TokenStore(dir.resolve("relogin/tokens.json"));
        store.saveLogin(h.login(), null, ServiceRoots.of(h.config));
        CompletableFuture<Void> call = callDuringHeldRefresh(store);

        TokenSet newer = h.login(); // update-tokens --force, while the refresh is in flight
        store.saveLogin(newer, null, ServiceRoots.of(h.config));

        call.get();
        assertThat(store.read().token(RS).orElseThrow()).isEqualTo(newer.transfer().orElseThrow());
    }

    @Test
    void tokensOfAnotherGlobusServiceAreNeverSent() throws Exception {
        TokenStore store = new TokenStore(dir.resolve("elsewhere/tokens.json"));
        store.saveLogin(h.login(), null, ServiceRoots.PRODUCTION);
        TokenStore legacy = new TokenStore(dir.resolve("legacy/tokens.json")); // written before roots were recorded
        legacy.write(StoredTokens.empty().withToken(h.login().transfer().orElseThrow()));
        h.resetStats();

        for (TokenStore s : new TokenStore[] {store, legacy}) {
            TransferClient transfer = h.transfer(new AccessTokenManager(s.provider(ServiceRoots.of(h.config)), h.auth));
            assertThatThrownBy(() -> transfer.searchEndpoints(MINE)).isInstanceOf(LoginRequiredException.class);
        }
        assertThat(h.requests(SEARCH)).isZero();
        assertThat(h.requests(TOKEN)).isZero();
        assertThat(legacy.read().belongsTo(ServiceRoots.PRODUCTION)).isTrue();
    }
}
