package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Every way to switch the plugin on gives the same result (page, nav link, options on /settings); off means 404
 * and no link. Also: the robot name is generated once and survives restarts; invalid options stop the plugin.
 */
class EnablementIT {

    private static RegistryExtension start(UnaryOperator<RegistryExtension.Builder> how) throws Exception {
        return how.apply(RegistryExtension.builder().plugin(PluginJar.path())).start();
    }

    @Test
    void startFlag() throws Exception {
        try (RegistryExtension registry = start(b -> b.enableByFlag("globus"))) {
            assertEnabled(registry);
        }
    }

    @Test
    void configFile() throws Exception {
        try (RegistryExtension registry = start(b -> b.config(GlobusKeys.ENABLED, "true"))) {
            assertEnabled(registry);
        }
    }

    @Test
    void environment() throws Exception {
        try (RegistryExtension registry = start(b -> b.env(GlobusKeys.ENABLED, "true"))) {
            assertEnabled(registry);
        }
    }

    @Test
    void settingsToggleSwitchesItOnAndOffWithoutRestart() throws Exception {
        try (RegistryExtension registry = start(b -> b)) {
            assertDisabled(registry);
            RegistryClient browser = registry.browser();

            assertThat(browser.form("/settings/plugins/globus", Map.of("enabled", "true")).body())
                    .contains("Plugin globus is enabled.");
            assertEnabled(registry);

            assertThat(browser.form("/settings/plugins/globus", Map.of("enabled", "false")).body())
                    .contains("Plugin globus is disabled.");
            assertDisabled(registry);
        }
    }

    @Test
    void theRobotNameIsGeneratedOnceAndStaysAcrossRestarts() throws Exception {
        try (RegistryExtension registry = start(b -> b.enable("globus"))) {
            String robot = registry.server().config().find(GlobusKeys.ROBOT_NAME).orElseThrow();
            assertThat(robot).matches("[a-z]+-[a-z]+-\\d{4}");
            assertThat(Files.readString(registry.dataDir().resolve("registry.properties")))
                    .contains(GlobusKeys.ROBOT_NAME + "=" + robot);
            assertThat(registry.browser().get("/globus").body()).contains("id=\"globus-robot-name\">" + robot);

            registry.stop();
            registry.start();

            assertThat(registry.server().config().find(GlobusKeys.ROBOT_NAME)).contains(robot);
            assertThat(registry.browser().get("/settings").body()).contains(robot);
            assertThat(Files.readString(registry.dataDir().resolve("registry.properties"))
                    .lines().filter(l -> l.startsWith(GlobusKeys.ROBOT_NAME + "="))).hasSize(1);
        }
    }

    @Test
    void anInvalidOptionKeepsThePluginOffAndSaysWhy() throws Exception {
        try (RegistryExtension registry = start(b -> b.enable("globus").env(GlobusKeys.ENDPOINT, "not-a-uuid")
                .env(GlobusKeys.POLL_SECONDS, "0"))) {
            String plugins = registry.admin().get("/api/plugins").body();
            assertThat(plugins).contains("\"state\":\"failed\"",
                    "PLUGIN_GLOBUS_ENDPOINT='not-a-uuid' (from environment) is not valid: expected a UUID",
                    "PLUGIN_GLOBUS_POLL_SECONDS='0' (from environment) is not valid: between 1 and 86400 seconds");
            assertThat(registry.browser().get("/globus").statusCode()).isEqualTo(404);
        }
    }

    private static void assertEnabled(RegistryExtension registry) {
        RegistryClient browser = registry.browser();
        assertThat(browser.get("/globus").statusCode()).isEqualTo(200);
        assertThat(browser.get("/").body()).contains("id=\"globus-nav\" href=\"/globus\"");
        String settings = browser.get("/settings").body();
        for (String key : new String[] {GlobusKeys.ENDPOINT, GlobusKeys.ROBOT_NAME, GlobusKeys.CLIENT_ID,
                GlobusKeys.AUTH_URL, GlobusKeys.TRANSFER_URL, GlobusKeys.STAGING_DIR, GlobusKeys.STAGING_PATH,
                GlobusKeys.POLL_SECONDS, GlobusKeys.IMPORT_FOREIGN, GlobusKeys.FAST_PATH}) {
            assertThat(settings).contains("id=\"option-" + key + "\"");
        }
        assertThat(settings).contains("https://auth.globus.org/", "https://transfer.api.globus.org/",
                registry.dataDir().toAbsolutePath().normalize().resolve("globus-staging").toString());
    }

    private static void assertDisabled(RegistryExtension registry) {
        RegistryClient browser = registry.browser();
        assertThat(browser.get("/globus").statusCode()).isEqualTo(404);
        assertThat(browser.get("/").body()).doesNotContain("globus-nav");
    }
}
