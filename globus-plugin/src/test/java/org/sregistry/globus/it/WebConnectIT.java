package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/** The {@code /globus} page with a running server and the simulator: connect, disconnect, refused tokens. */
class WebConnectIT {
    private static final Pattern CONNECT_HREF = Pattern.compile("id=\"globus-connect\" href=\"([^\"]+)\"");

    @TempDir
    static Path shared;
    static SimGlobus globus;

    @BeforeAll
    static void startSimulator() {
        globus = SimGlobus.start(shared.resolve("sim"));
    }

    @AfterAll
    static void stopSimulator() {
        globus.close();
    }

    private static RegistryExtension registry() throws Exception {
        RegistryExtension.Builder builder = RegistryExtension.builder().plugin(PluginJar.path()).enable("globus");
        globus.registrySettings().forEach(builder::config);
        return builder.start();
    }

    @Test
    void withoutTokensThePageOffersTheCommandAndAWebLoginThatConnects() throws Exception {
        try (RegistryExtension registry = registry()) {
            RegistryClient browser = registry.browser();
            String page = browser.get("/globus").body();
            assertThat(page).contains("id=\"globus-not-connected\"", "globus update-tokens",
                    "--data-dir " + registry.dataDir().toAbsolutePath(), "Connect Globus", "target=\"_blank\"",
                    "name=\"_csrf\"");
            String authorizeUrl = connectHref(page);
            assertThat(authorizeUrl).startsWith(globus.sim.authRoot() + "v2/oauth2/authorize?")
                    .contains("code_challenge=", "code_challenge_method=S256", "access_type=offline");
            assertThat(page).doesNotContain("code_verifier", "verifier");
            // the same session keeps its login in progress across page views
            assertThat(connectHref(browser.get("/globus").body())).isEqualTo(authorizeUrl);

            HttpResponse<String> done = browser.form("/globus/code", Map.of("code", globus.approve(authorizeUrl)));

            assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/globus?m=connected");
            String connected = browser.get("/globus?m=connected").body();
            assertThat(connected).contains("Connected to Globus.", "id=\"globus-connected\"",
                    globus.sim.defaultUsername(), "id=\"globus-disconnect\"", "a refresh token is stored");
            Path tokens = PluginJar.tokenFile(registry.dataDir());
            assertThat(Files.getPosixFilePermissions(tokens))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            List<String> secrets = CliLoginIT.secretsIn(tokens);
            String log = Files.readString(registry.server().logFile());
            assertThat(secrets).isNotEmpty().allSatisfy(s -> {
                assertThat(connected).doesNotContain(s);
                assertThat(log).doesNotContain(s);
            });
        }
    }

    @Test
    void aWrongCodeIsRefusedAndNothingIsStored() throws Exception {
        try (RegistryExtension registry = registry()) {
            RegistryClient browser = registry.browser();
            browser.get("/globus");
            HttpResponse<String> wrong = browser.form("/globus/code", Map.of("code", "not-the-code"));
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("Globus did not accept the code (invalid_grant)", "Nothing was changed")
                    .doesNotContain("Exception");
            assertThat(Files.exists(PluginJar.tokenFile(registry.dataDir()))).isFalse();

            HttpResponse<String> blank = browser.form("/globus/code", Map.of("code", "two words"));
            assertThat(blank.statusCode()).isEqualTo(400);
            assertThat(blank.body()).contains("does not look like a Globus login code");
        }
    }

    @Test
    void postsWithoutTheCsrfTokenAreRejected() throws Exception {
        try (RegistryExtension registry = registry()) {
            RegistryClient browser = registry.browser();
            assertThat(browser.formWithoutCsrf("/globus/disconnect", Map.of()).statusCode()).isEqualTo(403);
            assertThat(browser.formWithoutCsrf("/globus/code", Map.of("code", "x")).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void tokensFromTheCliAreUsedWithoutRestartAndRevokedOnesAskForAnUpdate() throws Exception {
        try (RegistryExtension registry = registry()) {
            RegistryClient browser = registry.browser();
            assertThat(browser.get("/globus").body()).contains("id=\"globus-not-connected\"");

            assertThat(Cli.interactive(registry.dataDir(), globus::approve, "update-tokens").code()).isZero();
            assertThat(browser.get("/globus").body()).contains("id=\"globus-connected\"", globus.sim.defaultUsername());

            globus.sim.revokeAllTokens();
            // a confirmed connection is reused for 30 s while the token file is unchanged: "Refresh" re-checks
            HttpResponse<String> refused = browser.get("/globus?refresh=1");
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"globus-needs-update\"",
                    "Your Globus credentials need to be updated.", "globus update-tokens", "Connect Globus")
                    .doesNotContain("Exception", "\tat ", "id=\"globus-connected\"");

            Cli.Run recover = Cli.interactive(registry.dataDir(), globus::approve, "update-tokens");
            assertThat(recover.code()).as(recover.all()).isZero();
            assertThat(browser.get("/globus").body()).contains("id=\"globus-connected\"");
            String log = Files.readString(registry.server().logFile());
            assertThat(CliLoginIT.secretsIn(PluginJar.tokenFile(registry.dataDir())))
                    .allSatisfy(s -> assertThat(log).doesNotContain(s));
        }
    }

    @Test
    void aGlobusOutageShowsTheStoredConnectionAsUnconfirmedWithoutWaitingForRetries() throws Exception {
        try (RegistryExtension registry = registry()) {
            assertThat(Cli.interactive(registry.dataDir(), globus::approve, "update-tokens").code()).isZero();
            // until cleared: the page's connection check and both endpoint scopes run at once
            globus.sim.addFault(FaultSpec.status("GET /transfer/v0.10/endpoint_search", 503, 0));
            try {
                long started = System.nanoTime();
                HttpResponse<String> page = registry.browser().get("/globus");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("id=\"globus-unverified\"", "503", "id=\"globus-disconnect\"")
                        .doesNotContain("\tat ");
            } finally {
                globus.sim.clearFaults();
            }
        }
    }

    @Test
    void disconnectRevokesAndDeletesTheTokens() throws Exception {
        try (RegistryExtension registry = registry()) {
            assertThat(Cli.interactive(registry.dataDir(), globus::approve, "update-tokens").code()).isZero();
            RegistryClient browser = registry.browser();
            globus.sim.resetStats();

            HttpResponse<String> response = browser.form("/globus/disconnect", Map.of());

            assertThat(response.statusCode()).isEqualTo(303);
            assertThat(globus.sim.requestCount("POST /auth/v2/oauth2/token/revoke")).isGreaterThanOrEqualTo(2);
            assertThat(Files.exists(PluginJar.tokenFile(registry.dataDir()))).isFalse();
            assertThat(browser.get("/globus?m=disconnected").body()).contains("Disconnected from Globus",
                    "id=\"globus-not-connected\"");
        }
    }

    @Test
    void aMissingEndpointIsExplainedAndSettingItAppliesAtOnce() throws Exception {
        try (RegistryExtension registry = registry()) {
            RegistryClient browser = registry.browser();
            String page = browser.get("/globus").body();
            assertThat(page).contains("id=\"globus-endpoint-missing\"", "globus create-endpoint",
                    "href=\"/settings#option-PLUGIN_GLOBUS_ENDPOINT\"");

            String id = "3a42f43c-1744-40dc-9b16-753d8e1589fa";
            HttpResponse<String> saved = browser.form("/settings/options",
                    Map.of("key", GlobusKeys.ENDPOINT, "value", id));
            assertThat(saved.statusCode()).isEqualTo(200);
            assertThat(browser.get("/globus").body()).doesNotContain("globus-endpoint-missing")
                    .contains("id=\"globus-endpoint-id\">" + id);

            HttpResponse<String> invalid = browser.form("/settings/options",
                    Map.of("key", GlobusKeys.ENDPOINT, "value", "not-a-uuid"));
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("expected a UUID");
        }
    }

    @Test
    void withoutAClientIdThePageSaysWhatToSet() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(PluginJar.path()).enable("globus")
                .start()) {
            String page = registry.browser().get("/globus").body();
            assertThat(page).contains("id=\"globus-connect-problem\"", "PLUGIN_GLOBUS_CLIENT_ID is not set",
                    "globus update-tokens").doesNotContain("id=\"globus-connect\"");
        }
    }

    private static String connectHref(String page) {
        Matcher m = CONNECT_HREF.matcher(page);
        assertThat(m.find()).as("Connect Globus link in page").isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
