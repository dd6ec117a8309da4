package org.sregistry.host.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.host.scheduler.TaskStatus;

/** The kit's promises to plugin authors: enable() can be toggled, awaitTaskRun and runTask wait for fresh runs. */
class RegistryExtensionIT {

    @Test
    void aPluginEnabledByTheBuilderCanBeToggledOffAndOnAgain() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .start()) {
            RegistryClient browser = registry.browser();
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
            assertThat(browser.get("/settings").body()).contains("action=\"/settings/plugins/sample\"")
                    .doesNotContain("fixed by the start flag");

            HttpResponse<String> off = browser.form("/settings/plugins/sample", Map.of("enabled", "false"));
            assertThat(off.statusCode()).isEqualTo(200);
            assertThat(off.body()).contains("Plugin sample is disabled.");
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(404);

            HttpResponse<String> on = browser.form("/settings/plugins/sample", Map.of("enabled", "true"));
            assertThat(on.statusCode()).isEqualTo(200);
            assertThat(on.body()).contains("Plugin sample is enabled.");
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
            // the restarted plugin's task counts from zero again: the wait still finds its next run
            assertThat(registry.awaitTaskRun("sample", "sample-tick").outcome()).isEqualTo("ok");
        }
    }

    @Test
    void aPluginEnabledByFlagIsFixedAndTheToggleIsRefused() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .enableByFlag("sample").start()) {
            RegistryClient browser = registry.browser();
            assertThat(browser.get("/settings").body()).contains("fixed by the start flag (PLUGIN_SAMPLE_ENABLED=true)");
            assertThat(browser.form("/settings/plugins/sample", Map.of("enabled", "false")).statusCode()).isEqualTo(409);
            assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void awaitTaskRunWaitsForARunThatStartedAfterTheCall() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("PLUGIN_SAMPLE_TICK_MS", "50").start()) {
            TaskStatus first = registry.awaitTaskRun("sample", "sample-tick");
            assertThat(first.outcome()).isEqualTo("ok");
            assertThat(registry.awaitTaskRun("sample", "sample-tick").runs()).isGreaterThan(first.runs());

            // a run that saw the change, never one that started before it
            RegistryClient browser = registry.browser();
            assertThat(browser.form("/settings/options", Map.of("key", "PLUGIN_SAMPLE_TASK_FAILS", "value", "true"))
                    .statusCode()).isEqualTo(200);
            assertThat(registry.awaitTaskRun("sample", "sample-tick").outcome()).contains("sample task exploded");

            assertThatThrownBy(() -> registry.awaitTaskRun("sample", "no-such-task", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no task sample/no-such-task is scheduled")
                    .hasMessageContaining("sample/sample-tick");
        }
    }

    @Test
    void runTaskRunsATaskNowInsteadOfAtItsInterval() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("PLUGIN_SAMPLE_TICK_MS", "600000").start()) {
            TaskStatus first = registry.awaitTaskRun("sample", "sample-tick"); // the run after the initial delay
            long t0 = System.nanoTime();
            TaskStatus now = registry.runTask("sample", "sample-tick");
            assertThat(now.runs()).isEqualTo(first.runs() + 1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(registry.admin().get("/api/sample/ticks").body()).contains("\"ticks\":" + now.runs());
        }
    }
}
