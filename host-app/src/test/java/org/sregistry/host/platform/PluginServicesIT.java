package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * What the sample plugin gets from the host besides routes and pages: its health check on /health, its meters on
 * /metrics, its option-change listener, the store's atomic counter, a choice option and a directory URL.
 */
class PluginServicesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
            .build();

    @AfterEach
    void backToDefaults() {
        RegistryClient browser = registry.browser();
        save(browser, "PLUGIN_SAMPLE_HEALTH", "up");
        save(browser, "PLUGIN_SAMPLE_GREETING", "hello");
    }

    @Test
    void healthShowsThePluginsCheckAndADownOrThrowingCheckDegradesWithoutFailingTheAnswer() throws Exception {
        JsonNode up = health(200);
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(up.path("plugins").path("sample").asText()).isEqualTo("started");
        assertThat(up.path("plugin_checks").path("sample").path("sample-check").path("status").asText()).isEqualTo("UP");
        assertThat(up.path("plugin_checks").path("sample").path("sample-check").path("message").asText())
                .isEqualTo("fine");

        save(registry.browser(), "PLUGIN_SAMPLE_HEALTH", "down");
        JsonNode down = health(200);
        assertThat(down.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(down.path("database").asText()).isEqualTo("UP");
        assertThat(down.path("plugin_checks").path("sample").path("sample-check").path("status").asText())
                .isEqualTo("DOWN");
        assertThat(down.path("reasons").toString()).contains("plugin sample: sample-check is down: told to be down");

        save(registry.browser(), "PLUGIN_SAMPLE_HEALTH", "throws");
        HttpResponse<String> thrown = registry.anonymous().get("/health");
        assertThat(thrown.statusCode()).isEqualTo(200);
        assertThat(thrown.body()).doesNotContain("/srv/secret/path");
        assertThat(JSON.readTree(thrown.body()).path("plugin_checks").path("sample").path("sample-check")
                .path("message").asText()).isEqualTo("the check failed: IllegalStateException");
    }

    @Test
    void aChoiceOptionIsOfferedAsAListAndTakesOnlyItsWords() {
        String page = registry.browser().get("/settings").body();
        String row = page.substring(page.indexOf("id=\"option-PLUGIN_SAMPLE_HEALTH\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<select name=\"value\" aria-label=\"PLUGIN_SAMPLE_HEALTH\"",
                "<option value=\"up\" selected>up</option>", "<option value=\"down\">down</option>",
                "<option value=\"throws\">throws</option>");

        HttpResponse<String> refused = registry.browser().form("/settings/options",
                Map.of("key", "PLUGIN_SAMPLE_HEALTH", "value", "sideways"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("expected one of up, down, throws");
    }

    @Test
    void optionChangesAreAnnouncedToThePluginOnceEachAndAThrowingListenerKeepsTheValue() throws Exception {
        RegistryClient browser = registry.browser();
        long before = changes("PLUGIN_SAMPLE_LIMIT");
        save(browser, "PLUGIN_SAMPLE_LIMIT", "11");
        save(browser, "PLUGIN_SAMPLE_LIMIT", "11"); // the same value again: no change
        assertThat(changes("PLUGIN_SAMPLE_LIMIT")).isEqualTo(before + 1);

        save(browser, "PLUGIN_SAMPLE_GREETING", "explode"); // the listener counts, then throws
        assertThat(registry.admin().get("/api/sample/hello").body()).contains("\"greeting\":\"explode\"");
        assertThat(changes("PLUGIN_SAMPLE_GREETING")).isPositive();
        save(browser, "PLUGIN_SAMPLE_LIMIT", "10");
    }

    @Test
    void visitsAreCountedAtomicallyInTheStoreAndOnMetricsTaggedWithThePlugin() throws Exception {
        long before = counters().path("visits").asLong();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> registry.admin().postJson("/api/sample/counters/visits", "{}")
                        .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(counters().path("visits").asLong()).isEqualTo(before + 40);
        assertThat(registry.admin().get("/metrics").body()).containsPattern("sample_visits_total\\{plugin=\"sample\"} \\d+");
        assertThat(counters().path("serviceRoot").asText()).as("a directory URL is read with its /")
                .isEqualTo("https://sample.example.org/api/");
    }

    @Test
    void aStoppedPluginsMetersAndChecksAreGone() throws Exception {
        registry.admin().postJson("/api/sample/counters/visits", "{}");
        RegistryClient browser = registry.browser();
        try {
            assertThat(browser.form("/settings/plugins/sample", Map.of("enabled", "false")).statusCode()).isEqualTo(200);
            assertThat(registry.admin().get("/metrics").body()).doesNotContain("sample_visits_total");
            assertThat(health(200).path("plugin_checks").has("sample")).isFalse();
        } finally {
            browser.form("/settings/plugins/sample", Map.of("enabled", "true"));
        }
        assertThat(health(200).path("plugin_checks").has("sample")).isTrue();
    }

    private static void save(RegistryClient browser, String key, String value) {
        HttpResponse<String> saved = browser.form("/settings/options", Map.of("key", key, "value", value));
        assertThat(saved.statusCode()).as(key + "=" + value + ": " + saved.body()).isEqualTo(200);
    }

    private static JsonNode health(int status) throws Exception {
        HttpResponse<String> answer = registry.anonymous().get("/health");
        assertThat(answer.statusCode()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static JsonNode counters() throws Exception {
        HttpResponse<String> answer = registry.admin().get("/api/sample/counters");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static long changes(String key) throws Exception {
        return counters().path("changes").path(key).asLong();
    }
}
