package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.tokens.TokenStore;

import java.nio.file.Path;
import java.util.Map;

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
        store.saveLogin(login, null);
        TransferClient transfer = h.transfer(new AccessTokenManager(store.provider(), h.auth));
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
}
