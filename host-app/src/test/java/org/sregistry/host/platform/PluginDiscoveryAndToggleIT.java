package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/** A server with the sample plugin present but not enabled: discovery, login, CSRF, hot toggling. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginDiscoveryAndToggleIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder()
            .plugin(TestPlugins.sample())
            .plugin(TestPlugins.failing())
            .build();

    @Test
    @Order(1)
    void listsPluginsFoundInThePluginsFolder() {
        HttpResponse<String> response = registry.admin().get("/api/plugins");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"id\":\"sample\"", "\"version\":\"1.0.0\"", "\"id\":\"failing\"")
                .contains("\"state\":\"disabled\"");
    }

    @Test
    @Order(2)
    void disabledPluginContributesNothing() {
        RegistryClient admin = registry.admin();
        assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);
        assertThat(admin.get("/sample").statusCode()).isEqualTo(404);
        assertThat(admin.get("/").body()).doesNotContain("sample-nav", "sample-panel");
        assertThat(admin.get("/static/sample/sample.css").statusCode()).isEqualTo(404);
        assertThat(registry.server().scheduler().statuses()).as("only the host's own tasks")
                .allMatch(t -> t.pluginId().equals("host"));
        assertThat(registry.browser().get("/settings").body()).doesNotContain("PLUGIN_SAMPLE_GREETING");
    }

    @Test
    @Order(3)
    void pagesNeedLoginAndApiNeedsCredentials() {
        RegistryClient anonymous = registry.anonymous();
        HttpResponse<String> home = anonymous.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login"));
        HttpResponse<String> api = anonymous.get("/api/plugins");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"error\":\"unauthorized\"");
        assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get(webjar()).statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void wrongPasswordIsRefused() {
        HttpResponse<String> response = registry.anonymous()
                .form("/login", Map.of("username", "admin", "password", "wrong", "next", "/"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Wrong user name or password");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    @Order(5)
    void unsafeRequestWithSessionButWithoutCsrfTokenIsRejected() {
        RegistryClient browser = registry.browser();
        HttpResponse<String> response = browser.formWithoutCsrf("/settings/plugins/sample", Map.of("enabled", "true"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("csrf");
        HttpResponse<String> wrong = browser.formWithoutCsrf("/settings/plugins/sample",
                Map.of("enabled", "true", "_csrf", "forged"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void enablingOnTheSettingsPageTakesEffectWithoutRestart() throws Exception {
        RegistryClient browser = registry.browser();
        HttpResponse<String> response = browser.form("/settings/plugins/sample", Map.of("enabled", "true"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Plugin sample is enabled");

        RegistryClient admin = registry.admin();
        HttpResponse<String> hello = admin.get("/api/sample/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("\"greeting\":\"hello\"", "\"contextLoaderIsPlugin\":true");
        assertThat(browser.get("/").body()).contains("sample-nav", "sample-panel", "/static/sample/sample.css");
        assertThat(admin.get("/static/sample/sample.css").body()).contains("sample-panel");
        assertThat(browser.get("/settings").body()).contains("PLUGIN_SAMPLE_GREETING", "sample-settings");
        // persisted to the config file, so it survives a restart
        assertThat(Files.readString(registry.dataDir().resolve("registry.properties")))
                .contains("PLUGIN_SAMPLE_ENABLED=true");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/sample/ticks").body().matches(".*\"ticks\":[1-9].*"));
    }

    @Test
    @Order(7)
    void optionsAreValidatedAndSecretsNeverSentToTheBrowser() {
        RegistryClient browser = registry.browser();
        HttpResponse<String> bad = browser.form("/settings/options", Map.of("key", "PLUGIN_SAMPLE_LIMIT", "value", "many"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("PLUGIN_SAMPLE_LIMIT='many' (from admin page) is not valid: expected a whole number");
        assertThat(bad.body()).contains("value=\"many\""); // the rejected input is kept for correction

        HttpResponse<String> secret = browser.form("/settings/options",
                Map.of("key", "PLUGIN_SAMPLE_TOKEN", "value", "super-secret-value-123"));
        assertThat(secret.statusCode()).isEqualTo(200);
        assertThat(secret.body()).doesNotContain("super-secret-value-123").contains("Saved PLUGIN_SAMPLE_TOKEN");
        assertThat(browser.get("/settings").body()).doesNotContain("super-secret-value-123");

        HttpResponse<String> greeting = browser.form("/settings/options",
                Map.of("key", "PLUGIN_SAMPLE_GREETING", "value", "<b>howdy</b>"));
        assertThat(greeting.statusCode()).isEqualTo(200);
        // applied without restart, and escaped where the plugin renders it
        assertThat(registry.admin().get("/api/sample/hello").body()).contains("<b>howdy</b>");
        assertThat(browser.get("/sample").body()).contains("&lt;b&gt;howdy&lt;/b&gt;").doesNotContain("<b>howdy</b>");
        assertThat(browser.get("/settings").body()).contains("admin page");
    }

    @Test
    @Order(8)
    void generatedDefaultIsPersistedOnce() throws Exception {
        String file = Files.readString(registry.dataDir().resolve("registry.properties"));
        assertThat(file).containsPattern("PLUGIN_SAMPLE_NICKNAME=nick-\\d+");
    }

    @Test
    @Order(9)
    void aResourceThatThrowsIsContained() {
        RegistryClient admin = registry.admin();
        HttpResponse<String> boom = admin.get("/api/sample/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).contains("\"error\":\"server_error\"").doesNotContain("exploded");
        assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/plugins").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void pluginStoreIsDurableAndInsertIfAbsentIsAtomic() {
        RegistryClient admin = registry.admin();
        assertThat(admin.get("/api/sample/store").body()).contains("\"inserted\":true");
        assertThat(admin.get("/api/sample/store").body()).contains("\"inserted\":false");
    }

    @Test
    @Order(11)
    void disablingRemovesRoutesFragmentsAndTasks() throws Exception {
        RegistryClient browser = registry.browser();
        HttpResponse<String> response = browser.form("/settings/plugins/sample", Map.of("enabled", "false"));
        assertThat(response.body()).contains("Plugin sample is disabled");
        RegistryClient admin = registry.admin();
        assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);
        assertThat(browser.get("/").body()).doesNotContain("sample-nav");
        assertThat(registry.server().scheduler().statuses()).as("only the host's own tasks")
                .allMatch(t -> t.pluginId().equals("host"));
        assertThat(admin.get("/api/plugins").body()).contains("\"state\":\"disabled\"");
    }

    @Test
    @Order(12)
    void aJarDroppedWhileRunningIsListedOnTheSettingsPage() throws Exception {
        Files.copy(TestPlugins.sample(), registry.dataDir().resolve("plugins").resolve("sample-copy.jar"));
        Files.write(registry.dataDir().resolve("plugins").resolve("broken.jar"), new byte[] {1, 2, 3});
        // a jar is taken once it has stayed the same for a moment (it may still be being copied)
        RegistryClient browser = registry.browser();
        String settings = await().atMost(Duration.ofSeconds(10)).until(() -> browser.get("/settings").body(),
                page -> page.contains("cannot load broken.jar"));
        assertThat(settings).contains("plugin-broken", "cannot load broken.jar");
        assertThat(registry.admin().get("/api/plugins").body()).contains("\"id\":\"broken\"", "\"state\":\"failed\"");
        assertThat(registry.admin().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(13)
    void apiTokensWorkAsBearerAndAreShownOnce() {
        RegistryClient browser = registry.browser();
        HttpResponse<String> created = browser.form("/settings/tokens", Map.of("name", "ci"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code id=\"new-token\">([^<]+)</code>")
                .matcher(created.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(registry.withToken(token).get("/api/plugins").statusCode()).isEqualTo(200);
        assertThat(registry.withToken(token + "x").get("/api/plugins").statusCode()).isEqualTo(401);
        assertThat(browser.get("/settings").body()).doesNotContain(token);
        browser.form("/settings/tokens/ci/delete", Map.of());
        assertThat(registry.withToken(token).get("/api/plugins").statusCode()).isEqualTo(401);
    }

    private static String webjar() {
        return org.sregistry.host.web.Assets.htmx();
    }
}
