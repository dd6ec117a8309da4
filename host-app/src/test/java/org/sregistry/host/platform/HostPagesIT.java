package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Host pages a new user reads: {@code /logs} opens at the newest lines, filters by level and follows the log when
 * asked; {@code /settings} says in plain words why an option cannot be edited there.
 */
class HostPagesIT {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().env("REGISTRY_MAX_IMAGE_BYTES", "1000000").build();

    @Test
    void settingsSayWhyAnOptionIsNotEditableHere() {
        String page = registry.browser().get("/settings").body();
        String database = row(page, "REGISTRY_DATABASE_URL");
        assertThat(database).contains("Not editable here: set it in the config file or the environment; it is read"
                + " at start.").doesNotContain("Fixed by the");
        assertThat(page).doesNotContain("Fixed by the unset", "Fixed by the default");
        assertThat(row(page, "REGISTRY_MAX_IMAGE_BYTES")).contains("Fixed by the environment: change it there.");
    }

    private static String row(String page, String key) {
        int start = page.indexOf("id=\"option-" + key + "\"");
        assertThat(start).as(key + " on /settings").isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void newestFirstWithALevelFilterAndAFollowMode() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var log = LoggerFactory.getLogger("org.sregistry.test.LogsPage");
        log.info("older {} entry", run);
        log.warn("middle {} warning", run);
        log.error("newest {} error", run);
        RegistryClient browser = registry.browser();

        String page = browser.get("/logs").body();
        int newest = page.indexOf("newest " + run);
        int middle = page.indexOf("middle " + run);
        int older = page.indexOf("older " + run);
        assertThat(newest).isPositive();
        assertThat(newest).as("newest first").isLessThan(middle);
        assertThat(middle).isLessThan(older);
        assertThat(page).contains("id=\"log-level\"", "id=\"log-follow\"").doesNotContain("hx-trigger=\"every 2s\"");

        String warnings = browser.get("/logs?level=warn").body();
        assertThat(warnings).contains("middle " + run, "newest " + run).doesNotContain("older " + run)
                .contains("<option value=\"WARN\" selected");

        String following = browser.get("/logs?follow=1&level=ERROR").body();
        assertThat(following).contains("hx-trigger=\"every 2s\"",
                "hx-get=\"/logs?fragment=1&amp;follow=1&amp;level=ERROR\"", "newest " + run)
                .doesNotContain("middle " + run);
        String fragment = browser.get("/logs?fragment=1&follow=1").body();
        assertThat(fragment).startsWith("<div id=\"log-entries\"").doesNotContain("<html").contains("newest " + run);
    }
}
