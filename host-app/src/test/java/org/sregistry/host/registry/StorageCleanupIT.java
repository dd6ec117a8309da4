package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * The storage clean-up as an admin meets it on {@code /settings}: its options, its task among the
 * scheduled ones, a dry run that lists what would go and removes nothing, and a run (through the
 * scheduler) that removes it. No grace here, so a blob pushed a moment ago and used by no manifest
 * is already garbage.
 */
class StorageCleanupIT {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().env("REGISTRY_GC_GRACE", "0s").build();

    @Test
    void theSettingsPageShowsTheCleanUpAndItsDryRunRemovesNothing() throws Exception {
        RegistryClient admin = registry.admin();
        byte[] content = new byte[3000];
        new Random(7).nextBytes(content);
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        HttpResponse<String> pushed = admin.send(admin.request("/v2/team/abandoned/blobs/uploads/?digest=" + digest)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        Thread.sleep(20); // older than "now" minus no grace

        RegistryClient browser = registry.browser();
        String page = browser.get("/settings").body();
        assertThat(section(page)).contains("<h3>Storage clean-up</h3>", "id=\"cleanup-not-run\"",
                "action=\"/settings/cleanup/dry-run\"", "action=\"/settings/cleanup/run\"",
                "<span id=\"cleanup-interval\">1h</span>", "<span id=\"cleanup-grace\">0s</span>",
                "name=\"_csrf\" value=\"" + browser.csrfToken() + "\"");
        assertThat(page).contains("id=\"task-host-registry-gc\"", "id=\"option-REGISTRY_GC_INTERVAL\"",
                "id=\"option-REGISTRY_GC_GRACE\"");

        assertThat(browser.formWithoutCsrf("/settings/cleanup/dry-run", Map.of()).statusCode())
                .as("a POST without the CSRF token is refused").isEqualTo(403);
        HttpResponse<String> dry = browser.form("/settings/cleanup/dry-run", Map.of());
        assertThat(dry.statusCode()).isEqualTo(200);
        String dryReport = block(dry.body(), "cleanup-dry-run");
        assertThat(dryReport).contains("Dry run now (nothing was removed)", "<code>link team/abandoned@" + digest + "</code>",
                "<code>blob " + digest + " (2.9 KiB)</code>");
        assertThat(dry.body()).contains("Dry run: a storage clean-up now would remove what the Storage clean-up"
                + " section lists").doesNotContain("id=\"cleanup-last-run\"");
        assertThat(admin.get("/v2/team/abandoned/blobs/" + digest).statusCode()).as("the dry run kept it").isEqualTo(200);

        HttpResponse<String> run = browser.form("/settings/cleanup/run", Map.of());
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("The storage clean-up runs now");
        String lastRun = "";
        for (int i = 0; i < 100 && !lastRun.contains(digest); i++) {
            Thread.sleep(100);
            String now = browser.get("/settings").body();
            lastRun = now.contains("id=\"cleanup-last-run\"") ? block(now, "cleanup-last-run") : "";
        }
        assertThat(lastRun).contains("Last run", "<code>link team/abandoned@" + digest + "</code>",
                "<code>blob " + digest + " (2.9 KiB)</code>");
        assertThat(admin.get("/v2/team/abandoned/blobs/" + digest).statusCode()).as("the run removed it").isEqualTo(404);
        String tasks = browser.get("/settings").body();
        String taskRow = tasks.substring(tasks.indexOf("id=\"task-host-registry-gc\""));
        assertThat(taskRow.substring(0, taskRow.indexOf("</tr>"))).contains("<td class=\"outcome\">ok</td>");

        HttpResponse<String> again = browser.form("/settings/cleanup/dry-run", Map.of());
        assertThat(again.body()).contains("Dry run: a storage clean-up now would remove nothing.");
    }

    @Test
    void anIntervalShorterThanAMinuteIsRefused() {
        HttpResponse<String> saved = registry.browser().form("/settings/options",
                Map.of("key", "REGISTRY_GC_INTERVAL", "value", "10s"));
        assertThat(saved.statusCode()).isEqualTo(400);
        assertThat(saved.body()).contains("'10s' is shorter than 1m");
        HttpResponse<String> bad = registry.browser().form("/settings/options",
                Map.of("key", "REGISTRY_GC_INTERVAL", "value", "hourly"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("expected a duration");
    }

    private static String section(String page) {
        int start = page.indexOf("<section id=\"storage-cleanup\">");
        assertThat(start).as("the Storage clean-up section").isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static String block(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        int end = page.indexOf("</details>", start);
        return page.substring(start, end < 0 ? page.indexOf("</section>", start) : end);
    }
}
