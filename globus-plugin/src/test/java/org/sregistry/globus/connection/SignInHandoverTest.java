package org.sregistry.globus.connection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.TokenStore;
import org.sregistry.globus.tokens.UserConnection;
import org.sregistry.globus.tokens.UserTokenStore;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Taking a user's sign-in grant: stored as their connection (origin {@code sign_in}) when it comes from the
 * configured Globus Auth, revoked otherwise, and never a broken page. Real plugin store and keyring; the host's
 * grants are a fake.
 */
class SignInHandoverTest {
    private static final String RS = GlobusScopes.TRANSFER_RESOURCE_SERVER;
    private static final String ISSUER = "https://auth.globus.org";
    private static final String ALICE_ID = "658064e9-0000-4000-8000-00000000a11c";
    private static final ServiceRoots ROOTS = ServiceRoots.PRODUCTION;
    private static final Access.Caller ALICE = new Access.Caller("alice", "Alice", false);

    @TempDir
    Path dir;
    Database db;
    UserTokenStore users;
    Connections connections;
    boolean perUser = true;
    final FakeSignInGrants grants = new FakeSignInGrants();
    final Clock clock = Clock.systemUTC();
    SignInHandover handover;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("registry"));
        users = new UserTokenStore(new JdbcPluginStore(db, "globus", clock),
                new Keyring(dir.resolve("registry"), clock).forPlugin("globus"), clock);
        GlobusClients.Key key = new GlobusClients.Key(GlobusClientConfig.DEFAULT_AUTH_ROOT,
                GlobusClientConfig.DEFAULT_TRANSFER_ROOT, "native-app-id");
        HttpClient http = HttpClient.newHttpClient();
        HostGrantRenewer host = new HostGrantRenewer(grants);
        TokenStore serviceTokens = new TokenStore(dir.resolve("tokens.json"), clock);
        Connection service = new Connection(null, serviceTokens,
                GlobusClients.build(key, serviceTokens, http, clock, host), clock, "sregistry");
        connections = new Connections(service, () -> users, t -> GlobusClients.build(key, t, http, clock, host),
                () -> perUser, clock, "sregistry");
        handover = new SignInHandover(grants, () -> connections, Runnable::run);
        log.start();
        ((Logger) LoggerFactory.getLogger(SignInHandover.class)).addAppender(log);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(SignInHandover.class)).detachAppender(log);
        db.close();
    }

    private static SignInGrants.Grant grant(String issuer, String subject) {
        return new SignInGrants.Grant(issuer, subject, RS, "AgSignInAccess", "AgSignInRefresh",
                Instant.parse("2030-01-01T00:00:00Z"), Set.of(GlobusScopes.TRANSFER_ALL));
    }

    private String logText() {
        return String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void aGrantOfTheConfiguredGlobusConnectsTheUserAsTheirIdentityWithTheHostAsRenewer() {
        grants.waiting.add(grant(ISSUER, ALICE_ID));

        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.CONNECTED);

        assertThat(grants.taken).containsExactly("alice/" + RS);
        UserConnection stored = users.connection("alice").orElseThrow();
        assertThat(stored.origin()).isEqualTo(UserConnection.ORIGIN_SIGN_IN);
        assertThat(stored.identityId()).isEqualTo(ALICE_ID);
        assertThat(stored.state()).isEqualTo(UserConnection.CONNECTED);
        ResourceToken token = users.of("alice").readFor(ROOTS).token(RS).orElseThrow();
        assertThat(token.accessToken()).isEqualTo("AgSignInAccess");
        assertThat(token.refreshToken()).isEqualTo("AgSignInRefresh");
        assertThat(token.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(token.scope()).isEqualTo(GlobusScopes.TRANSFER_ALL);
        assertThat(connections.user("alice").clients().tokens().renewer().orElseThrow())
                .isInstanceOf(HostGrantRenewer.class);
        assertThat(grants.revoked).isEmpty();
        assertThat(logText()).contains("connected automatically").doesNotContain("AgSignIn");

        assertThat(handover.offer(ALICE).outcome()).as("connected now: nothing asked of the host")
                .isEqualTo(SignInHandover.Outcome.NOTHING);
        assertThat(grants.taken).hasSize(1);
    }

    @Test
    void aGrantOfAnotherProviderIsRevokedAndLeavesTheUserUnconnected() {
        grants.waiting.add(grant("https://idp.example.org\nWARN forged line", ALICE_ID));
        grants.waiting.add(grant(ISSUER + "/", ALICE_ID)); // exactly the auth URL without its slash, nothing else

        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.REFUSED);
        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.REFUSED);

        assertThat(grants.revoked).containsExactly("AgSignInRefresh", "AgSignInRefresh");
        assertThat(users.connection("alice")).isEmpty();
        assertThat(logText()).contains("idp.example.org\\u000aWARN forged line", ISSUER)
                .doesNotContain("\nWARN forged").doesNotContain("AgSignIn");
    }

    @Test
    void aGrantWithoutARefreshTokenIsRevokedByItsAccessToken() {
        grants.waiting.add(new SignInGrants.Grant("https://other.example", ALICE_ID, RS, "AgOnlyAccess", null, null,
                Set.of()));
        handover.offer(ALICE);
        assertThat(grants.revoked).containsExactly("AgOnlyAccess");
    }

    @Test
    void anIdentityConnectedToAnotherAccountIsNotTakenOverAndTheGrantIsRevoked() {
        UserInfo bobsIdentity = new UserInfo(ALICE_ID, "alice@uni.edu", null, null, null, null, null, null);
        users.of("bob").saveLogin(login("Bob"), bobsIdentity, ROOTS);
        grants.waiting.add(grant(ISSUER, ALICE_ID));

        SignInHandover.Result result = handover.offer(ALICE);

        assertThat(result.outcome()).isEqualTo(SignInHandover.Outcome.IDENTITY_IN_USE);
        assertThat(result.message()).contains("already connected to another registry account");
        assertThat(grants.revoked).containsExactly("AgSignInRefresh");
        assertThat(users.of("alice").read().hasNoTokens()).isTrue();
        assertThat(users.of("bob").readFor(ROOTS).token(RS).orElseThrow().accessToken()).isEqualTo("AgXferBob");
    }

    @Test
    void aHostThatCannotHandOverLeavesTheUserUnconnectedAndWarnsOnce() {
        grants.takeFails = new GrantsUnavailableException("the database is read-only");
        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.UNAVAILABLE);
        grants.takeFails = new GrantRefusedException("refused");
        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.UNAVAILABLE);
        assertThat(log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)).hasSize(1);
        assertThat(users.connection("alice")).isEmpty();
    }

    @Test
    void aBrokenConnectionIsReplacedByTheNextSignInsGrant() {
        users.of("alice").saveLogin(login("Old"), null, ROOTS);
        assertThat(handover.offer(ALICE).outcome()).as("a working connection is kept")
                .isEqualTo(SignInHandover.Outcome.NOTHING);
        users.markNeedsUpdate("alice", "Globus refused the stored login");
        grants.waiting.add(grant(ISSUER, ALICE_ID));

        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.CONNECTED);
        UserConnection now = users.connection("alice").orElseThrow();
        assertThat(now.fromSignIn()).isTrue();
        assertThat(now.needsUpdate()).isFalse();
    }

    @Test
    void whenTheRegistrysOwnConnectionActsNothingIsTaken() {
        perUser = false;
        grants.waiting.add(grant(ISSUER, ALICE_ID));
        assertThat(handover.offer(ALICE).outcome()).isEqualTo(SignInHandover.Outcome.NOTHING);
        assertThat(handover.offer(null).outcome()).isEqualTo(SignInHandover.Outcome.NOTHING);
        assertThat(grants.taken).isEmpty();
    }

    @Test
    void aDisconnectOfAConnectionFromTheSignInRevokesThroughTheHost() {
        grants.waiting.add(grant(ISSUER, ALICE_ID));
        handover.offer(ALICE);

        LogoutResult result = connections.user("alice").logout();

        assertThat(result.failures()).isEmpty();
        assertThat(grants.revoked).containsExactly("AgSignInRefresh", "AgSignInAccess");
        assertThat(users.connection("alice")).isEmpty();
        grants.waiting.add(grant(ISSUER, ALICE_ID));
        assertThat(handover.offer(ALICE).connected()).as("the identity is free again").isTrue();
    }

    @Test
    void theIssuerOfAnAuthUrlIsItWithoutTheTrailingSlash() {
        assertThat(SignInHandover.issuerOf(ROOTS)).isEqualTo(ISSUER);
        assertThat(SignInHandover.issuerOf(new ServiceRoots(URI.create("http://127.0.0.1:8080/auth/"),
                URI.create("http://127.0.0.1:8080/transfer/")))).isEqualTo("http://127.0.0.1:8080/auth");
    }

    private static TokenSet login(String suffix) {
        ResourceToken transfer = new ResourceToken(RS, "AgXfer" + suffix, "AgXferRef" + suffix,
                Instant.parse("2030-01-01T00:00:00Z"), GlobusScopes.TRANSFER_ALL);
        return new TokenSet(Map.of(RS, transfer), null, null);
    }
}
