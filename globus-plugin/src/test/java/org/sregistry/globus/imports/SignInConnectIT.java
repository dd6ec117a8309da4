package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.UserConnection;
import org.sregistry.globus.tokens.UserTokenStore;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.Role;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * "Sign in with Globus" with the Transfer scope connects a user to Globus without a Connect step, in the real host
 * with the built plugin, the simulator as the registry's OpenID Connect provider and as Globus (guest collection,
 * per-user connections). Alice signs in and is connected as her own identity; her tokens (issued to the registry's
 * sign-in client, not the plugin's) renew through the host when they expire, rotated refresh token kept; a grant
 * from another provider and an identity another account holds are not used, and revoked; Disconnect revokes at the
 * provider.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInConnectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "5d1c0b3a-9e8f-4a7b-8c6d-5e4f3a2b1c0d";
    private static final String SECRET = "sign-in-connect-secret";
    private static final String SCOPES = "openid profile email " + GlobusScopes.TRANSFER_ALL;
    private static final String RS = GlobusScopes.TRANSFER_RESOURCE_SERVER;
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path shared;
    static GlobusWorld world;
    static ShiftableClock clock = new ShiftableClock();
    static ImportHost host;
    static Endpoint guest;
    static Endpoint aliceCluster;
    static IdentityTokens aliceId;
    static RegistryClient alice;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        // sign-in tokens live an hour, so moving the registry's clock two hours makes them expire for it
        world.sim.setAccessTokenLifetime(Duration.ofHours(1));
        aliceId = world.sim.createIdentity("alice@uni.example");
        guest = world.guestCollection();
        aliceCluster = world.sim.createEndpoint(EndpointSpec.named("Alice's cluster").owner("alice@uni.example")
                .root(Files.createDirectories(shared.resolve("alice-cluster"))));
        host = withSignIn(world.sim, shared.resolve("registry"), clock);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (world != null) {
            world.close();
        }
    }

    /** A registry on the guest collection whose "Sign in with Globus" goes to {@code idp} with the Transfer scope. */
    static ImportHost withSignIn(GlobusSimulator idp, Path dataDir, Clock serverClock) throws Exception {
        Map<String, String> config = new LinkedHashMap<>(GlobusWorld.onGuestCollection(guest));
        config.put("REGISTRY_OIDC_ISSUER", idp.issuer());
        config.put("REGISTRY_OIDC_CLIENT_ID", CLIENT);
        config.put("REGISTRY_OIDC_CLIENT_SECRET", SECRET);
        config.put("REGISTRY_OIDC_SCOPES", SCOPES);
        ImportHost started = ImportHost.start(world, dataDir, 3600, config, serverClock);
        idp.registerClient(CLIENT, SECRET, "registry",
                List.of(started.registry.server().baseUri() + "login/oidc/callback"));
        return started;
    }

    /** A browser that signed in to {@code registry} at {@code idp} as {@code identity} (the simulator approves). */
    static RegistryClient signIn(ImportHost registry, GlobusSimulator idp, String identity) {
        RegistryClient browser = registry.registry.anonymous();
        HttpResponse<String> start = browser.get("/login/oidc?next=%2Fglobus");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(idp.issuer());
        String code = idp.approveAs(authorize.getRawQuery(), identity);
        String state = queryParam(authorize, "state");
        HttpResponse<String> done = browser.get("/login/oidc/callback?code=" + enc(code) + "&state=" + enc(state));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        browser.refreshCsrf();
        return browser;
    }

    private static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** {@code user}'s connection as the plugin stored it, opened with the registry's keyring (a test may). */
    private static UserTokenStore storeOf(ImportHost registry) {
        return new UserTokenStore(new JdbcPluginStore(registry.database, "globus", Clock.systemUTC()),
                new Keyring(registry.registry.dataDir(), Clock.systemUTC()).forPlugin("globus"), Clock.systemUTC());
    }

    private static ResourceToken storedTransferToken(String user) {
        return storeOf(host).of(user).readFor(new ServiceRoots(URI.create(world.sim.authRoot().toString()),
                URI.create(world.sim.transferRoot().toString()))).token(RS).orElseThrow();
    }

    /** The simulator's answer to a Transfer call with {@code accessToken}. */
    private static int transferStatus(String accessToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(world.sim.transferRoot().resolve("v0.10/submission_id"))
                .header("Authorization", "Bearer " + accessToken).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    @Order(1)
    void aliceSignsInWithGlobusAndIsConnectedAsHerselfWithoutAConnectStep() throws Exception {
        alice = signIn(host, world.sim, "alice@uni.example");

        HttpResponse<String> page = alice.get("/globus");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Connected automatically from your Globus sign-in", "id=\"globus-from-sign-in\"")
                .doesNotContain("id=\"globus-connect\"").doesNotContain("globus-code-form");

        JsonNode me = json(alice.get("/api/globus/me"), 200);
        assertThat(me.path("user").asText()).isEqualTo("alice@uni.example");
        assertThat(me.path("own").asBoolean()).isTrue();
        assertThat(me.path("connection").path("state").asText()).isEqualTo("connected");
        assertThat(me.path("connection").path("origin").asText()).isEqualTo(UserConnection.ORIGIN_SIGN_IN);
        assertThat(me.path("connection").path("identity").path("id").asText()).isEqualTo(aliceId.id());
        assertThat(me.path("connection").path("identity").path("username").asText())
                .as("the identity's name from the sign-in, not only its id").isEqualTo("alice@uni.example");
        assertThat(me.path("connection").path("refreshable").asBoolean()).isTrue();

        JsonNode endpoints = json(alice.get("/api/globus/endpoints?refresh=1"), 200);
        assertThat(endpoints.path("endpoints").findValuesAsText("id")).contains(aliceCluster.id);
        assertThat(alice.get("/api/globus/endpoints/" + aliceCluster.id + "/ls").statusCode()).isEqualTo(200);

        assertThat(host.registry.server().signInGrants().take(new Access.Caller("alice@uni.example", "", false), RS))
                .as("the plugin took the grant: the host keeps none").isEmpty();
        assertThat(storeOf(host).connection("alice@uni.example").orElseThrow().origin())
                .isEqualTo(UserConnection.ORIGIN_SIGN_IN);
    }

    @Test
    @Order(2)
    void anIdentityAnotherAccountConnectedIsNotTakenOverAndItsGrantIsRevoked() throws Exception {
        IdentityTokens dana = world.sim.createIdentity("dana@uni.example");
        host.registry.createUser("bob", Role.USER, PASSWORD);
        RegistryClient bob = host.registry.as("bob", PASSWORD);
        JsonNode started = json(bob.postJson("/api/globus/login", "{}"), 200);
        String code = world.sim.approveAs(URI.create(started.path("authorize_url").asText()).getRawQuery(),
                "dana@uni.example");
        json(bob.postJson(started.path("finish").asText(), "{\"code\":\"" + code + "\"}"), 200);

        RegistryClient danaBrowser = signIn(host, world.sim, "dana@uni.example");
        world.sim.resetStats();
        HttpResponse<String> page = danaBrowser.get("/globus");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(409);
        assertThat(page.body()).contains("id=\"globus-error\"", "already connected to another registry account",
                "You have not connected your Globus identity yet").doesNotContain("globus-from-sign-in");
        JsonNode me = json(danaBrowser.get("/api/globus/me"), 200);
        assertThat(me.path("connection").path("state").asText()).isEqualTo("no_tokens");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                world.sim.requestCount("POST /auth/v2/oauth2/token/revoke") >= 1);
        assertThat(json(bob.get("/api/globus/me"), 200).path("connection").path("identity").path("id").asText())
                .as("Bob keeps his connection").isEqualTo(dana.id());
    }

    @Test
    @Order(3)
    void aGrantFromAnotherSignInProviderIsNotUsedAndIsRevoked() throws Exception {
        GlobusSimulator otherIdp = GlobusSimulator.start(SimulatorConfig.builder().port(0)
                .dataDir(shared.resolve("other-idp")).transferBytesPerSecond(0).build());
        ImportHost elsewhere = null;
        try {
            otherIdp.createIdentity("erin@other.example");
            elsewhere = withSignIn(otherIdp, shared.resolve("elsewhere"), Clock.systemUTC());
            RegistryClient erin = signIn(elsewhere, otherIdp, "erin@other.example");
            otherIdp.resetStats();

            HttpResponse<String> page = erin.get("/globus");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("You have not connected your Globus identity yet")
                    .doesNotContain("globus-from-sign-in");
            JsonNode me = json(erin.get("/api/globus/me"), 200);
            assertThat(me.path("connection").path("state").asText()).isEqualTo("no_tokens");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    otherIdp.requestCount("POST /auth/v2/oauth2/token/revoke") >= 1);
            assertThat(elsewhere.registry.server().signInGrants().take(
                    new Access.Caller("erin@other.example", "", false), RS)).as("taken, not left behind").isEmpty();
            assertThat(Files.readString(elsewhere.registry.server().logFile()))
                    .contains("not from the configured Globus Auth");
        } finally {
            if (elsewhere != null) {
                elsewhere.close();
            }
            otherIdp.close();
        }
    }

    @Test
    @Order(4)
    void anExpiredAccessTokenIsRenewedThroughTheHostAndTheRotatedRefreshTokenIsKept() throws Exception {
        ResourceToken before = storedTransferToken("alice@uni.example");
        Instant expiresBefore = Instant.parse(json(alice.get("/api/globus/me"), 200).path("connection")
                .path("expires_at").asText());

        for (int round = 1; round <= 2; round++) {
            ResourceToken used = storedTransferToken("alice@uni.example");
            clock.advance(Duration.ofHours(2)); // the registry's clock: its token has expired an hour ago
            JsonNode endpoints = json(alice.get("/api/globus/endpoints?refresh=1"), 200);
            assertThat(endpoints.path("endpoints").findValuesAsText("id")).as("round " + round)
                    .contains(aliceCluster.id);

            ResourceToken now = storedTransferToken("alice@uni.example");
            assertThat(now.accessToken()).as("round " + round).isNotEqualTo(used.accessToken());
            assertThat(now.refreshToken()).as("rotated, and the new one kept").isNotEqualTo(used.refreshToken());
            assertThat(now.expiresAt()).isAfter(clock.instant());
            // the refresh token was issued to the host's sign-in client: only the host could use it, and it has
            assertThatThrownBy(() -> host.registry.server().signInGrants().refresh(RS, used.refreshToken()))
                    .isInstanceOf(GrantRefusedException.class);
        }
        JsonNode me = json(alice.get("/api/globus/me"), 200);
        assertThat(me.path("connection").path("state").asText()).isEqualTo("connected");
        assertThat(me.path("connection").path("origin").asText()).isEqualTo(UserConnection.ORIGIN_SIGN_IN);
        assertThat(Instant.parse(me.path("connection").path("expires_at").asText()))
                .isAfter(expiresBefore.plus(Duration.ofHours(3)));
        assertThat(Files.readString(host.registry.server().logFile())).as("no token in the log")
                .doesNotContain(before.accessToken()).doesNotContain(before.refreshToken());
    }

    @Test
    @Order(5)
    void disconnectRevokesTheSignInTokensAtTheProvider() throws Exception {
        ResourceToken stored = storedTransferToken("alice@uni.example");
        assertThat(transferStatus(stored.accessToken())).isEqualTo(200);

        HttpResponse<String> out = alice.form("/globus/disconnect", Map.of());
        assertThat(out.statusCode()).as(out.body()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/globus?m=disconnected");

        assertThat(transferStatus(stored.accessToken())).as("revoked at the provider").isEqualTo(401);
        assertThatThrownBy(() -> host.registry.server().signInGrants().refresh(RS, stored.refreshToken()))
                .isInstanceOf(GrantRefusedException.class);
        assertThat(storeOf(host).connection("alice@uni.example")).isEmpty();
        assertThat(alice.get("/globus").body()).as("the grant was taken once: no reconnection")
                .contains("You have not connected your Globus identity yet");
    }
}
