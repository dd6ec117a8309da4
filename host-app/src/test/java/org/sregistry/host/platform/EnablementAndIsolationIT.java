package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sregistry.host.scheduler.TaskStatus;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/** Each way of enabling a plugin, and a misbehaving plugin kept away from the rest. */
class EnablementAndIsolationIT {

    @Test
    void enabledByStartFlag() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enableByFlag("sample")
                .start()) {
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
            String settings = registry.browser().get("/settings").body();
            assertThat(settings).contains("fixed by the start flag (PLUGIN_SAMPLE_ENABLED=true)");
        }
    }

    @Test
    void enabledByConfigFile() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").start()) {
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
            // a file value can be changed on the page: a toggle is offered
            assertThat(registry.browser().get("/settings").body()).contains("action=\"/settings/plugins/sample\"");
        }
    }

    @Test
    void enabledByEnvironmentAndShownAsFixed() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .env("PLUGIN_SAMPLE_ENABLED", "true").start()) {
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
            RegistryClient browser = registry.browser();
            String settings = browser.get("/settings").body();
            assertThat(settings).contains("fixed by the environment (PLUGIN_SAMPLE_ENABLED=true)")
                    .doesNotContain("action=\"/settings/plugins/sample\"");
            // a forged toggle does not stick either
            HttpResponse<String> toggle = browser.form("/settings/plugins/sample", Map.of("enabled", "false"));
            assertThat(toggle.statusCode()).isEqualTo(409);
            assertThat(toggle.body()).contains("set by the environment");
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPluginThatFailsToStartIsIsolated() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .plugin(TestPlugins.failing()).enable("sample", "failing").start()) {
            RegistryClient admin = registry.admin();
            String plugins = admin.get("/api/plugins").body();
            assertThat(plugins).contains("\"id\":\"failing\"", "\"state\":\"failed\"", "failing plugin refuses to start");
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);
            RegistryClient browser = registry.browser();
            assertThat(browser.get("/").body()).doesNotContain("failing-nav").contains("sample-nav");
            assertThat(browser.get("/settings").body()).contains("failing plugin refuses to start");
        }
    }

    @Test
    void anInvalidValueNamesKeySourceAndExpectation() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("PLUGIN_SAMPLE_LIMIT", "lots").start()) {
            String plugins = registry.admin().get("/api/plugins").body();
            assertThat(plugins).contains("\"state\":\"failed\"",
                    "PLUGIN_SAMPLE_LIMIT='lots' (from environment) is not valid: expected a whole number");
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTaskThatThrowsKeepsItsSchedule() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("PLUGIN_SAMPLE_TASK_FAILS", "true").env("PLUGIN_SAMPLE_TICK_MS", "50").start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> failures(registry) >= 3);
            // read between two runs: while one runs (every 50 ms) there is no next run yet
            TaskStatus status = await().atMost(Duration.ofSeconds(10)).until(() -> registry.server().scheduler()
                    .statuses().stream().filter(t -> t.pluginId().equals("sample")).findFirst().orElseThrow(),
                    t -> t.nextRun() != null);
            assertThat(status.outcome()).contains("sample task exploded");
            assertThat(status.nextRun()).isNotNull();
            assertThat(registry.browser().get("/settings").body()).contains("sample/sample-tick", "sample task exploded");
            assertThat(registry.server().metricsText()).contains("registry_task_failures_total");
        }
    }

    @Test
    void aFragmentThatThrowsIsLeftOutAndThePageStillRenders() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("PLUGIN_SAMPLE_BREAK_UI", "true").start()) {
            HttpResponse<String> home = registry.browser().get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("sample-nav").doesNotContain("sample-panel");
        }
    }

    @Test
    void firstStartWritesTheAdminPasswordReadableByOwnerOnly() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().start()) {
            var file = registry.dataDir().resolve("initial-admin-password");
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(Files.readString(registry.server().logFile())).contains(file.toAbsolutePath().toString())
                    .doesNotContain(registry.adminPassword());
        }
    }

    private static long failures(RegistryExtension registry) {
        return registry.server().scheduler().statuses().stream().mapToLong(TaskStatus::failures).sum();
    }
}
