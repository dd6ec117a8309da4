package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * Sign-in grants against the Globus simulator on loopback, with real Nimbus calls, a real SQLite database migrated as
 * the server's, the real keyring, and a clock the test moves (for the 30-day sweep). The test plays the browser.
 */
class OidcGrantsIT {
    static final String CLIENT = "7f3e2a10-5b6c-4d8e-9f01-2a3b4c5d6e7f";
    static final String SECRET = "grants-client-secret";
    static final String REDIRECT = "http://127.0.0.1:1/login/oidc/callback";
    static final String TRANSFER = "transfer.api.globus.org";
    static final String TRANSFER_SCOPE = "urn:globus:auth:scope:transfer.api.globus.org:all";
    static final String WITH_TRANSFER = "openid profile email " + TRANSFER_SCOPE;

    @TempDir
    Path tmp;
    GlobusSimulator sim;
    Database database;
    UserStore users;
    OidcGrants store;
    final ShiftableClock clock = ShiftableClock.startingAt(OidcFlowIT.START);
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(tmp.resolve("sim"))
                .transferBytesPerSecond(0).build());
        sim.registerClient(CLIENT, SECRET, "registry", List.of(REDIRECT));
        database = Database.open(tmp.resolve("data"));
        database.migrateExtra(RegistryServer.HOST_MIGRATIONS, RegistryServer.HOST_HISTORY_TABLE);
        users = new UserStore(database, clock);
        store = new OidcGrants(database, new Keyring(tmp.resolve("data"), clock), clock);
    }

    @AfterEach
    void stop() {
        database.close();
        sim.close();
    }

    /** The flow, client and facet for these scopes (one provider, as the server has). */
    record Client(OidcFlow flow, OidcSignInGrants grants) {
    }

    Client client(String scopes) {
        Map<String, String> cfg = Map.of(OidcOptions.ISSUER, sim.issuer(), OidcOptions.CLIENT_ID, CLIENT,
                OidcOptions.CLIENT_SECRET, SECRET, OidcOptions.SCOPES, scopes);
        OidcSettings settings = OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)), URI.create(REDIRECT))
                .orElseThrow();
        OidcProvider provider = new OidcProvider(settings);
        return new Client(new OidcFlow(provider, clock), new OidcSignInGrants(store,
                new OidcTokenClient(provider, clock), settings.issuer(), users));
    }

    /** A whole sign-in as {@code identity}, kept as the callback keeps it. */
    OidcFlow.Finished signInAndKeep(Client c, User user, IdentityTokens identity) throws Exception {
        OidcFlow.Start start = c.flow().start();
        OidcFlow.Finished finished = c.flow().finishWithTokens(OidcFlowIT.signIn(browser, sim, start, identity.id()),
                start.pending());
        c.grants().keep(user, finished);
        return finished;
    }

    User user(String name) {
        return users.create(new UserStore.NewUser(name, "", null, Role.USER, null, null));
    }

    static Access.Caller caller(User user) {
        return new Access.Caller(user.username(), user.displayName(), false);
    }

    /** The HTTP status of a Transfer call with this access token. */
    int transferStatus(String accessToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(sim.transferRoot().resolve("v0.10/submission_id"))
                .header("Authorization", "Bearer " + accessToken).GET().build();
        return browser.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    // ---- the cases

    @Test
    void theTransferScopeIsKeptSealedAndTakenOnce() throws Exception {
        Client c = client(WITH_TRANSFER);
        assertThat(OidcFlowIT.query(c.flow().start().authorizationUri())).containsEntry("access_type", "offline")
                .containsEntry("scope", WITH_TRANSFER);
        User alice = user("alice");
        IdentityTokens identity = sim.createIdentity("alice@uchicago.edu");
        OidcFlow.Finished finished = signInAndKeep(c, alice, identity);
        assertThat(finished.tokens()).as("the auth.globus.org token is the sign-in's, not kept")
                .extracting(ReceivedToken::resourceServer).containsExactly(TRANSFER);
        ReceivedToken received = finished.tokens().get(0);
        assertThat(received.refreshToken()).isNotBlank();
        assertThat(received.toString()).doesNotContain(received.accessToken(), received.refreshToken());

        List<Map<String, Object>> rows = database.jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM oidc_grants").mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("user_id", alice.id()).containsEntry("resource_server", TRANSFER)
                .containsEntry("issuer", sim.issuer()).containsEntry("subject", identity.id())
                .containsEntry("scope", TRANSFER_SCOPE);
        assertThat(rows.get(0).get("sealed").toString()).startsWith("s1.k1.");
        assertThat(rows.get(0).values()).as("no column holds a token").allSatisfy(v -> assertThat(String.valueOf(v))
                .doesNotContain(received.accessToken()).doesNotContain(received.refreshToken()));

        SignInGrants.Grant grant = c.grants().take(caller(alice), TRANSFER).orElseThrow();
        assertThat(grant.issuer()).isEqualTo(sim.issuer());
        assertThat(grant.subject()).isEqualTo(identity.id());
        assertThat(grant.resourceServer()).isEqualTo(TRANSFER);
        assertThat(grant.accessToken()).isEqualTo(received.accessToken());
        assertThat(grant.refreshToken()).isEqualTo(received.refreshToken());
        assertThat(grant.scopes()).containsExactly(TRANSFER_SCOPE);
        assertThat(grant.expiresAt()).isAfter(clock.instant());
        assertThat(grant.toString()).contains(TRANSFER).doesNotContain(grant.accessToken(), grant.refreshToken());
        assertThat(transferStatus(grant.accessToken())).as("a working Transfer token").isEqualTo(200);

        assertThat(c.grants().take(caller(alice), TRANSFER)).as("handed over once").isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void refreshRenewsAndARotatedRevokedOrGarbageRefreshTokenIsRefused() throws Exception {
        Client c = client(WITH_TRANSFER);
        User bob = user("bob");
        signInAndKeep(c, bob, sim.createIdentity("bob@anl.gov"));
        SignInGrants.Grant taken = c.grants().take(caller(bob), TRANSFER).orElseThrow();

        SignInGrants.Grant fresh = c.grants().refresh(TRANSFER, taken.refreshToken());
        assertThat(fresh.issuer()).isEqualTo(sim.issuer());
        assertThat(fresh.subject()).as("the token endpoint does not say whose").isNull();
        assertThat(fresh.resourceServer()).isEqualTo(TRANSFER);
        assertThat(fresh.accessToken()).isNotEqualTo(taken.accessToken());
        assertThat(fresh.refreshToken()).as("the simulator rotates refresh tokens").isNotBlank()
                .isNotEqualTo(taken.refreshToken());
        assertThat(fresh.scopes()).containsExactly(TRANSFER_SCOPE);
        assertThat(transferStatus(fresh.accessToken())).isEqualTo(200);

        assertThatThrownBy(() -> c.grants().refresh(TRANSFER, taken.refreshToken()))
                .as("the rotated one").isInstanceOf(GrantRefusedException.class)
                .hasMessage("the sign-in provider refused the refresh token for " + TRANSFER
                        + " (revoked, expired or not issued to this registry); sign in again");
        c.grants().revoke(fresh.refreshToken());
        assertThat(transferStatus(fresh.accessToken())).as("revoking the refresh token ends its access token")
                .isEqualTo(401);
        assertThatThrownBy(() -> c.grants().refresh(TRANSFER, fresh.refreshToken()))
                .isInstanceOf(GrantRefusedException.class);
        assertThatThrownBy(() -> c.grants().refresh(TRANSFER, "garbage"))
                .isInstanceOf(GrantRefusedException.class).hasMessageNotContaining("garbage");
    }

    @Test
    void withoutAnExtraScopeNothingIsKeptAndNoOfflineAccessIsAsked() throws Exception {
        Client c = client(OidcOptions.DEFAULT_SCOPES);
        assertThat(OidcFlowIT.query(c.flow().start().authorizationUri())).doesNotContainKey("access_type");
        User carol = user("carol");
        OidcFlow.Finished finished = signInAndKeep(c, carol, sim.createIdentity("carol@uchicago.edu"));
        assertThat(finished.tokens()).isEmpty();
        assertThat(store.count()).isZero();
        assertThat(c.grants().take(caller(carol), TRANSFER)).isEmpty();
    }

    @Test
    void theNextSignInReplacesTheGrantAndRevokesTheUntakenOne() throws Exception {
        Client c = client(WITH_TRANSFER);
        User dave = user("dave");
        IdentityTokens identity = sim.createIdentity("dave@example.org");
        ReceivedToken first = signInAndKeep(c, dave, identity).tokens().get(0);
        ReceivedToken second = signInAndKeep(c, dave, identity).tokens().get(0);
        assertThat(store.count()).isEqualTo(1);
        // revoked in the background: once the access token is refused, so is the refresh token
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(transferStatus(first.accessToken()))
                .as("the replaced grant was revoked").isEqualTo(401));
        assertThatThrownBy(() -> c.grants().refresh(TRANSFER, first.refreshToken()))
                .isInstanceOf(GrantRefusedException.class);
        assertThat(c.grants().take(caller(dave), TRANSFER).orElseThrow().accessToken())
                .isEqualTo(second.accessToken());

        // a sign-in without the scope leaves the user no grant (and revokes the untaken one)
        ReceivedToken third = signInAndKeep(c, dave, identity).tokens().get(0);
        signInAndKeep(client(OidcOptions.DEFAULT_SCOPES), dave, identity);
        assertThat(store.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(transferStatus(third.accessToken()))
                .isEqualTo(401));
    }

    @Test
    void theSweepRevokesAndDeletesGrantsUntakenFor30Days() throws Exception {
        Client c = client(WITH_TRANSFER);
        User erin = user("erin");
        ReceivedToken old = signInAndKeep(c, erin, sim.createIdentity("erin@anl.gov")).tokens().get(0);
        clock.advance(Duration.ofDays(29));
        User frank = user("frank");
        signInAndKeep(c, frank, sim.createIdentity("frank@anl.gov"));
        assertThat(c.grants().sweep()).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(c.grants().sweep()).isEqualTo(1);
        assertThat(c.grants().take(caller(erin), TRANSFER)).isEmpty();
        assertThat(transferStatus(old.accessToken())).as("revoked at the provider").isEqualTo(401);
        assertThatThrownBy(() -> c.grants().refresh(TRANSFER, old.refreshToken()))
                .isInstanceOf(GrantRefusedException.class);
        assertThat(c.grants().take(caller(frank), TRANSFER)).as("a younger grant stays").isPresent();
    }

    @Test
    void aTokenTooLongForTheTableIsNotKeptAndNotReportedAsKept() {
        User ivan = user("ivan");
        ReceivedToken fits = new ReceivedToken(TRANSFER, "AT-1", "RT-1", null, Set.of(TRANSFER_SCOPE));
        ReceivedToken tooLong = new ReceivedToken("other.example.org", "AT-2", null, null, Set.of("s".repeat(2001)));
        OidcGrants.Replacement done = store.replace(ivan.id(), sim.issuer(), "sub-ivan", List.of(fits, tooLong));
        assertThat(done.kept()).containsExactly(TRANSFER);
        assertThat(done.replaced()).isEmpty();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aSealCopiedToAnotherUsersRowDoesNotOpenAndADisabledUserTakesNothing() throws Exception {
        Client c = client(WITH_TRANSFER);
        User gina = user("gina");
        User hank = user("hank");
        signInAndKeep(c, gina, sim.createIdentity("gina@uchicago.edu"));
        signInAndKeep(c, hank, sim.createIdentity("hank@uchicago.edu"));
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE oidc_grants SET sealed = (SELECT sealed FROM oidc_grants"
                + " WHERE user_id = :gina) WHERE user_id = :hank").bind("gina", gina.id()).bind("hank", hank.id())
                .execute());
        assertThat(c.grants().take(caller(hank), TRANSFER)).isEmpty();
        assertThat(store.count()).as("the unreadable row is dropped").isEqualTo(1);

        users.update(gina.id(), new UserStore.Change(null, null, null, false, null));
        assertThat(c.grants().take(caller(gina), TRANSFER)).isEmpty();
        assertThat(store.count()).as("kept until enabled again, or swept").isEqualTo(1);
    }

    @Test
    void theFacetWithoutSignInHasNothingAndRefusesClearly() {
        SignInGrants off = OidcSignInGrants.off("not here");
        assertThat(off.take(new Access.Caller("x", "", false), TRANSFER)).isEmpty();
        assertThatThrownBy(() -> off.refresh(TRANSFER, "r")).isInstanceOf(GrantsUnavailableException.class)
                .hasMessage("not here");
        assertThatThrownBy(() -> off.revoke("t")).isInstanceOf(GrantsUnavailableException.class)
                .hasMessage("not here");
    }

    @Test
    void anUnreachableProviderIsUnavailableNotRefused() throws Exception {
        Map<String, String> cfg = Map.of(OidcOptions.ISSUER, "http://127.0.0.1:" + OidcFlowIT.freePort() + "/auth",
                OidcOptions.CLIENT_ID, CLIENT, OidcOptions.CLIENT_SECRET, SECRET);
        OidcProvider down = new OidcProvider(OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)),
                URI.create(REDIRECT)).orElseThrow());
        OidcTokenClient client = new OidcTokenClient(down, clock);
        assertThatThrownBy(() -> client.refresh(TRANSFER, "r")).isInstanceOf(GrantsUnavailableException.class)
                .hasMessageStartingWith("cannot reach the sign-in provider at ");
        assertThatThrownBy(() -> client.revoke("t")).isInstanceOf(GrantsUnavailableException.class);
    }
}
