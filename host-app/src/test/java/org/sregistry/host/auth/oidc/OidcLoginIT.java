package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.auth.IdTokenFaults;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.users.Role;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.host.web.pages.OidcLoginResource;

/**
 * "Sign in with Globus" end to end: the real registry and the real Globus simulator on loopback, the test playing
 * the browser with java.net.http (no redirects followed, cookies kept per server by hand). The client is registered
 * at the simulator after the registry started, with the registry's real callback URI.
 */
class OidcLoginIT {
    static final String CLIENT = "5d1e0c9a-3f47-4b8e-a6d2-8c0f1b7e9a31";
    static final String SECRET = "registry-client-secret";
    static final String NOT_STARTED = "This sign-in expired or was not started here; start again.";

    static Path tmp;
    static GlobusSimulator sim;
    static RegistryExtension registry;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("oidc-login-it");
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(tmp.resolve("sim"))
                .transferBytesPerSecond(0).build());
        registry = oidcRegistry(CLIENT, Map.of());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** A registry with OIDC against the simulator, its client registered there with the real callback URI. */
    static RegistryExtension oidcRegistry(String clientId, Map<String, String> moreEnv) throws Exception {
        return oidcRegistry(sim, clientId, moreEnv);
    }

    /** {@link #oidcRegistry(String, Map)} against that simulator. */
    static RegistryExtension oidcRegistry(GlobusSimulator sim, String clientId, Map<String, String> moreEnv)
            throws Exception {
        RegistryExtension.Builder b = RegistryExtension.builder()
                .env(OidcOptions.ISSUER, sim.issuer())
                .env(OidcOptions.CLIENT_ID, clientId)
                .env(OidcOptions.CLIENT_SECRET, SECRET);
        moreEnv.forEach(b::env);
        RegistryExtension r = b.start();
        sim.registerClient(clientId, SECRET, "registry", List.of(r.server().baseUri() + "login/oidc/callback"));
        return r;
    }

    /** The sign-in events of the audit log, newest first. */
    static List<com.fasterxml.jackson.databind.JsonNode> signInEvents() throws Exception {
        return signInEvents(registry);
    }

    /** The sign-in events of that registry's audit log, newest first. */
    static List<com.fasterxml.jackson.databind.JsonNode> signInEvents(RegistryExtension registry) throws Exception {
        HttpResponse<String> r = registry.admin().get("/api/audit?limit=500&action=auth.sign_in");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("events").forEach(events::add);
        return events;
    }

    // ---- the cases

    @Test
    void loginPageOffersTheButtonAboveThePasswordForm() throws Exception {
        Browser browser = new Browser(registry);
        HttpResponse<String> page = browser.get("/login?next=/settings");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("<a href=\"/login/oidc?next=%2Fsettings\" role=\"button\" class=\"oidc-button\">"
                + "Sign in with Globus</a>");
        assertThat(body.indexOf("oidc-button")).isLessThan(body.indexOf("<form method=\"post\" action=\"/login\">"));
    }

    @Test
    void firstSignInCreatesTheUserAndTheSecondReusesIt() throws Exception {
        IdentityTokens carol = sim.createIdentity("Carol@UChicago.edu");
        int before = registry.server().users().count();
        Browser browser = new Browser(registry);
        HttpResponse<String> done = browser.signIn("/images?x=1", carol.id());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/images?x=1");
        assertThat(done.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("registry_oidc=;"));
        assertThat(browser.home()).contains(">carol@uchicago.edu</a>");

        User user = registry.server().users().byName("carol@uchicago.edu").orElseThrow();
        assertThat(user.hasPassword()).isFalse();
        assertThat(user.role()).isEqualTo(Role.USER);
        assertThat(user.displayName()).isEqualTo("Carol");
        assertThat(user.email()).isEqualTo("Carol@UChicago.edu");
        assertThat(user.lastSignInAt()).isNotNull();
        assertThat(registry.server().users().count()).isEqualTo(before + 1);
        assertThat(signInEvents()).as("the audit log").anySatisfy(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("carol@uchicago.edu");
            assertThat(e.path("outcome").asText()).isEqualTo("ok");
            assertThat(e.path("details").path("method").asText()).isEqualTo("oidc");
            assertThat(e.path("details").path("issuer").asText()).isEqualTo(sim.issuer());
        });

        // an administrator now hints another account at the same preferred_username: the sub still decides
        registry.server().users().create(new UserStore.NewUser("carol-other", "", null, Role.USER, null,
                "carol@uchicago.edu"));
        Browser again = new Browser(registry);
        assertThat(again.signIn("/", carol.id()).statusCode()).isEqualTo(303);
        assertThat(again.home()).contains(">carol@uchicago.edu</a>");
        assertThat(registry.server().users().count()).isEqualTo(before + 2);
        assertThat(registry.server().users().byName("carol-other").orElseThrow().oidcUsername())
                .isEqualTo("carol@uchicago.edu");
    }

    @Test
    void aSignInWithTheDefaultScopesKeepsNoGrant() throws Exception {
        IdentityTokens jane = sim.createIdentity("jane@uchicago.edu");
        assertThat(new Browser(registry).signIn("/", jane.id()).statusCode()).isEqualTo(303);
        assertThat(registry.server().signInGrants().take(new org.sregistry.api.Access.Caller("jane@uchicago.edu",
                "Jane", false), "transfer.api.globus.org")).isEmpty();
        assertThat(signInEvents()).anySatisfy(e -> {
            assertThat(e.path("actor").asText()).isEqualTo("jane@uchicago.edu");
            assertThat(e.path("details").has("grants")).isFalse();
        });
    }

    @Test
    void aTakenNameGetsASuffix() throws Exception {
        registry.createUser("dave@example.org", Role.USER, "a-local-password-1");
        IdentityTokens dave = sim.createIdentity("dave@example.org");
        Browser browser = new Browser(registry);
        assertThat(browser.signIn("/", dave.id()).statusCode()).isEqualTo(303);
        assertThat(browser.home()).contains(">dave@example.org-2</a>");
    }

    @Test
    void anAccountAnAdministratorMadeIsBoundAndTheHintCleared() throws Exception {
        User erin = registry.server().users().create(new UserStore.NewUser("erin", "Erin E.", null, Role.ADMIN, null,
                "erin@anl.gov"));
        IdentityTokens identity = sim.createIdentity("erin@anl.gov");
        Browser browser = new Browser(registry);
        assertThat(browser.signIn("/", identity.id()).statusCode()).isEqualTo(303);
        String home = browser.home();
        assertThat(home).contains(">erin</a>").contains("href=\"/settings\"");
        User bound = registry.server().users().byId(erin.id()).orElseThrow();
        assertThat(bound.oidcUsername()).isNull();
        assertThat(bound.role()).isEqualTo(Role.ADMIN);
        assertThat(registry.server().users().byName("erin@anl.gov")).isEmpty();
    }

    @Test
    void aDisabledUserIsRefused() throws Exception {
        IdentityTokens gina = sim.createIdentity("gina@uchicago.edu");
        assertThat(new Browser(registry).signIn("/", gina.id()).statusCode()).isEqualTo(303);
        User user = registry.server().users().byName("gina@uchicago.edu").orElseThrow();
        registry.server().users().update(user.id(), new UserStore.Change(null, null, null, false, null));
        Browser browser = new Browser(registry);
        HttpResponse<String> refused = browser.signIn("/", gina.id());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Sign-in failed: the account gina@uchicago.edu is disabled; ask an"
                + " administrator.");
        assertThat(browser.cookies).doesNotContainKey("registry_session");
    }

    @Test
    void wrongStateOrMissingCookieIsNotStartedHere() throws Exception {
        Browser browser = new Browser(registry);
        URI callback = browser.toCallback("/", null);
        String other = callback.toString().replaceFirst("state=[^&]+", "state=forged");
        HttpResponse<String> forged = browser.get(URI.create(other));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains(NOT_STARTED).contains("<form method=\"post\" action=\"/login\">");

        Browser another = new Browser(registry);
        URI started = another.toCallback("/", null);
        another.cookies.remove(OidcLoginResource.COOKIE);
        HttpResponse<String> noCookie = another.get(started);
        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(noCookie.body()).contains(NOT_STARTED);

        Browser third = new Browser(registry);
        URI mine = third.toCallback("/", null);
        Browser thief = new Browser(registry);
        thief.get("/login/oidc"); // a cookie of its own
        HttpResponse<String> elsewhere = thief.get(mine);
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains(NOT_STARTED);
        assertThat(third.get(mine).body()).as("the row was used up by the failed attempt").contains(NOT_STARTED);
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        Browser browser = new Browser(registry);
        URI callback = browser.toCallback("/", null);
        String cookie = browser.cookies.get(OidcLoginResource.COOKIE);
        assertThat(browser.get(callback).statusCode()).isEqualTo(303);
        browser.cookies.put(OidcLoginResource.COOKIE, cookie); // even with the cookie kept
        HttpResponse<String> replay = browser.get(callback);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains(NOT_STARTED);
    }

    @Test
    void aBadSignatureIsShownOnTheLoginPage() throws Exception {
        sim.addIdTokenFault(IdTokenFaults.Mutation.BAD_SIGNATURE, 1);
        try {
            Browser browser = new Browser(registry);
            HttpResponse<String> refused = browser.signIn("/", null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("Sign-in failed: the id_token signature is not valid.")
                    .contains("Sign in with Globus");
            assertThat(browser.cookies).doesNotContainKey("registry_session");
            assertThat(signInEvents()).as("the audit log").anySatisfy(e -> {
                assertThat(e.path("outcome").asText()).isEqualTo("failed");
                assertThat(e.path("details").path("method").asText()).isEqualTo("oidc");
                assertThat(e.path("details").path("reason").asText()).contains("signature");
            });
        } finally {
            sim.clearIdTokenFaults();
        }
    }

    @Test
    void withCreationOffAnUnknownIdentityIsRefusedAndTheMessageEscaped() throws Exception {
        try (RegistryExtension closed = oidcRegistry("9e2c4b71-0a5d-4f38-b1c6-7d3e8a2f5c04",
                Map.of(OidcOptions.CREATE_USERS, "false"))) {
            IdentityTokens hank = sim.createIdentity("hank<b>@example.org");
            Browser browser = new Browser(closed);
            HttpResponse<String> refused = browser.signIn("/", hank.id());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Sign-in failed: no account for hank&lt;b&gt;@example.org; ask an"
                    + " administrator.").doesNotContain("hank<b>");
            assertThat(closed.server().users().count()).as("only the first admin").isEqualTo(1);

            // an account the administrator made for them is fine
            closed.server().users().create(new UserStore.NewUser("hank", "", null, Role.USER, null,
                    "hank<b>@example.org"));
            Browser later = new Browser(closed);
            assertThat(later.signIn("/", hank.id()).statusCode()).isEqualTo(303);
            assertThat(later.home()).contains(">hank</a>");
        }
    }

    @Test
    void anUnreachableProviderReplacesTheButtonWithANote() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RegistryExtension down = RegistryExtension.builder()
                .env(OidcOptions.ISSUER, "http://127.0.0.1:" + port + "/auth")
                .env(OidcOptions.CLIENT_ID, "any").env(OidcOptions.CLIENT_SECRET, SECRET).start()) {
            HttpResponse<String> page = new Browser(down).get("/login");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sign-in with the provider is unavailable:")
                    .contains("cannot reach the sign-in provider at http://127.0.0.1:" + port + "/auth")
                    .doesNotContain("oidc-button\"").contains("<form method=\"post\" action=\"/login\">");
            HttpResponse<String> start = new Browser(down).get("/login/oidc");
            assertThat(start.statusCode()).isEqualTo(503);
            assertThat(start.body()).contains("Sign-in failed: cannot reach the sign-in provider");
        }
    }

    @Test
    void invalidSettingsRefuseTheStartNamingTheKey() {
        assertThatThrownBy(() -> RegistryExtension.builder().env(OidcOptions.CLIENT_ID, "x").start())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OidcOptions.CLIENT_SECRET + ": required")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(OidcOptions.CLIENT_SECRET));
        assertThatThrownBy(() -> RegistryExtension.builder().env(OidcOptions.CLIENT_ID, "x")
                .env(OidcOptions.CLIENT_SECRET, "y").env(OidcOptions.ISSUER, "http://auth.example.org").start())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OidcOptions.ISSUER + ": ");
    }

    @Test
    void withoutOidcThereIsNoButtonAndNoRoute() throws Exception {
        try (RegistryExtension plain = RegistryExtension.builder().start()) {
            Browser browser = new Browser(plain);
            assertThat(browser.get("/login").body()).doesNotContain("oidc").contains("value=\"admin\"");
            assertThat(browser.get("/login/oidc").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theSecretIsDeclaredWriteOnlyOnTheSettingsPage() throws Exception {
        var settings = registry.admin().get("/settings");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains(OidcOptions.CLIENT_ID).contains(OidcOptions.CLIENT_SECRET)
                .doesNotContain(SECRET);
    }

    // ---- the "browser"

    /** {@link OidcBrowser} at this class's simulator. */
    static final class Browser extends OidcBrowser {
        Browser(RegistryExtension registry) {
            super(registry, OidcLoginIT.sim);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
