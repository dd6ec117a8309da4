package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * A plugin's options are checked before {@code Plugin.start()}; a plugin that is refused or fails keeps its options
 * editable on {@code /settings} and starts once they are fixed; a fragment that throws is shown there and logged once.
 * The sample plugin's {@code lifecycle.log} ({@code PLUGIN_SAMPLE_LIFECYCLE_LOG=true}) records every {@code start()}
 * the host called.
 */
class SafeStartIT {

    @Test
    void anInvalidOptionKeepsStartFromBeingCalledAndFixingItOnTheSettingsPageStartsThePlugin() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true")
                .config("PLUGIN_SAMPLE_LIMIT", "lots").start()) {
            RegistryClient admin = registry.admin();
            assertThat(admin.get("/api/plugins").body()).contains("\"state\":\"failed\"",
                    "invalid configuration: PLUGIN_SAMPLE_LIMIT='lots' (from file) is not valid");
            assertThat(lifecycle(registry)).as("start() was never called").isEmpty();
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(404);

            // the options stay on the page, the error beside the field
            RegistryClient browser = registry.browser();
            String settings = browser.get("/settings").body();
            assertThat(settings).contains("Plugin sample", "id=\"option-PLUGIN_SAMPLE_LIMIT\"");
            String row = settings.substring(settings.indexOf("id=\"option-PLUGIN_SAMPLE_LIMIT\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).contains("field-error", "expected a whole number");

            HttpResponse<String> fixed = browser.form("/settings/options", Map.of("key", "PLUGIN_SAMPLE_LIMIT",
                    "value", "5"));
            assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
            assertThat(fixed.body()).contains("Saved PLUGIN_SAMPLE_LIMIT").doesNotContain("Unknown option");
            assertThat(admin.get("/api/plugins").body()).contains("\"state\":\"started\"");
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);
            assertThat(lifecycle(registry)).containsExactly("start 1.0.0");
        }
    }

    @Test
    void aPluginWhoseStartThrowsKeepsItsOptionsAndRecoversThroughTheSettingsPage() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true")
                .config("PLUGIN_SAMPLE_FAIL_START", "true").start()) {
            RegistryClient admin = registry.admin();
            assertThat(admin.get("/api/plugins").body()).contains("\"state\":\"failed\"",
                    "sample plugin told to fail at start");
            RegistryClient browser = registry.browser();
            assertThat(browser.get("/settings").body()).contains("id=\"option-PLUGIN_SAMPLE_FAIL_START\"");

            HttpResponse<String> fixed = browser.form("/settings/options", Map.of("key", "PLUGIN_SAMPLE_FAIL_START",
                    "value", "false"));
            assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
            assertThat(fixed.body()).doesNotContain("Unknown option");
            assertThat(admin.get("/api/sample/hello").statusCode()).isEqualTo(200);
            assertThat(lifecycle(registry)).containsExactly("start 1.0.0", "start 1.0.0");
        }
    }

    @Test
    void aThrowingFragmentIsShownOnTheSettingsPageAndLoggedOnce() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample())
                .config("PLUGIN_SAMPLE_ENABLED", "true").config("PLUGIN_SAMPLE_LIFECYCLE_LOG", "true")
                .config("PLUGIN_SAMPLE_BREAK_UI", "true").start()) {
            RegistryClient browser = registry.browser();
            for (int i = 0; i < 3; i++) {
                assertThat(browser.get("/").statusCode()).isEqualTo(200);
            }
            String settings = browser.get("/settings").body();
            assertThat(settings).contains("data-slot=\"home.panels\"",
                    "Fragment for slot home.panels failed 4 times", "IllegalStateException: sample panel exploded");
            await().atMost(Duration.ofSeconds(5)).until(() -> log(registry).contains("failed to render slot home.panels"));
            String log = log(registry);
            assertThat(occurrences(log, "failed to render slot home.panels")).as("one log line").isEqualTo(1);
            assertThat(occurrences(log, "at org.sregistry.testplugins.sample.SampleUi.fragment"))
                    .as("one stack trace").isEqualTo(1);
        }
    }

    private static List<String> lifecycle(RegistryExtension registry) throws Exception {
        Path log = registry.dataDir().resolve("plugin-data").resolve("sample").resolve("lifecycle.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static String log(RegistryExtension registry) throws Exception {
        return Files.readString(registry.server().logFile());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
