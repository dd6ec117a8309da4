package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.registry.sif.SifWriter;

/**
 * A Content-Security-Policy that allows scripts and styles from this origin only, and pages that
 * keep to it: an inline script, event handler or style attribute would be blocked by the browser,
 * so none may be in a page.
 */
class ContentSecurityPolicyIT {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style", Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample").build();

    @Test
    void everyAnswerCarriesAPolicyWithoutInlineScripts() {
        String policy = registry.anonymous().get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'").doesNotContain("unsafe");
        assertThat(registry.admin().get("/api/plugins").headers().firstValue("Content-Security-Policy")).hasValue(policy);
    }

    @Test
    void pagesHaveNoInlineScriptsHandlersOrStyles() throws Exception {
        Path sif = Files.createTempFile("csp", ".sif");
        SifWriter.write(sif, new byte[2048], "amd64", Instant.parse("2024-01-01T00:00:00Z"), UUID.randomUUID());
        RegistryClient admin = registry.admin();
        assertThat(admin.send(admin.request("/api/containers/demo/csp:v1").PUT(HttpRequest.BodyPublishers.ofFile(sif)))
                .statusCode()).isEqualTo(201);
        Files.delete(sif);
        RegistryClient browser = registry.browser();
        List<String> pages = List.of("/", "/container/demo/csp:v1", "/settings", "/logs", "/sample", "/no-such-page");
        for (String page : pages) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.body()).as(page).contains("<");
            assertThat(INLINE_SCRIPT.matcher(answer.body()).find()).as("inline <script> on " + page).isFalse();
            assertThat(HANDLER.matcher(answer.body()).find()).as("on...= handler on " + page).isFalse();
            assertThat(STYLE_ATTRIBUTE.matcher(answer.body()).find()).as("style= on " + page).isFalse();
            assertThat(STYLE_ELEMENT.matcher(answer.body()).find()).as("<style> on " + page).isFalse();
        }
        String login = registry.anonymous().get("/login").body();
        assertThat(STYLE_ATTRIBUTE.matcher(login).find()).as("style= on /login").isFalse();
        // htmx must not inject its indicator <style> (blocked by style-src 'self'); the layout turns it off
        assertThat(login).contains("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\": false}'>");
        for (Pattern script : List.of(Pattern.compile("<script src=\"([^\"]+)\""))) {
            var m = script.matcher(login);
            while (m.find()) {
                HttpResponse<String> js = registry.anonymous().get(m.group(1));
                assertThat(js.statusCode()).as(m.group(1)).isEqualTo(200);
                assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            }
        }
    }
}
