package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/** Findings of the security review, kept fixed. */
class SecurityIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample").build();

    @Test
    void aCrossSiteFormPostIsRefusedEvenWithBasicCredentials() {
        RegistryClient admin = registry.admin();
        HttpResponse<String> crossSite = admin.send(admin.request("/settings/tokens")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("name=planted")));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("cross_site");
        HttpResponse<String> fetchMetadata = admin.send(admin.request("/settings/tokens")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-site")
                .POST(HttpRequest.BodyPublishers.ofString("name=planted")));
        assertThat(fetchMetadata.statusCode()).isEqualTo(403);
        assertThat(registry.adminTokenNames()).doesNotContain("planted");

        String sameOrigin = "http://" + registry.server().baseUri().getAuthority();
        HttpResponse<String> script = admin.send(admin.request("/settings/tokens")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", sameOrigin)
                .POST(HttpRequest.BodyPublishers.ofString("name=script-token")));
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionRequestWithABodyThatIsNoFormIsRefusedForItsMissingTokenNotAnError() {
        RegistryClient browser = registry.browser();
        // what curl sends for --data-binary @image.sif: form content type, bytes that are no form encoding
        byte[] body = {'%', 'z', 'z', 0, (byte) 0xff, '&', '%', '4'};
        HttpResponse<String> response = browser.send(browser.request("/api/containers/demo/csrf:v1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/container/demo/csrf:v1").statusCode()).isEqualTo(404);
    }

    @Test
    void browsersGetNoBasicChallengeScriptsDo() {
        RegistryClient anonymous = registry.anonymous();
        HttpResponse<String> browser = anonymous.send(anonymous.request("/api/plugins").header("Accept", "text/html"));
        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> script = anonymous.get("/api/plugins");
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void aHugeLoginFormIsRefusedBeforeItIsRead() throws Exception {
        // only the headers are sent, announcing 200,000 bytes: the 413 must come from the announced length alone
        // (sending the body too races the server closing the connection, which failed this test under load)
        try (java.net.Socket socket = new java.net.Socket(registry.server().baseUri().getHost(),
                registry.server().baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200000\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void pagesCannotBeFramedByOtherSites() {
        HttpResponse<String> login = registry.anonymous().get("/login");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void theDatabaseUrlCannotBeChangedFromThePage() throws Exception {
        HttpResponse<String> response = registry.browser().form("/settings/options",
                Map.of("key", "REGISTRY_DATABASE_URL", "value", "jdbc:h2:mem:x;INIT=CALL 1"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("config file or the environment");
        var config = registry.dataDir().resolve("registry.properties");
        assertThat(Files.exists(config) ? Files.readString(config) : "").doesNotContain("REGISTRY_DATABASE_URL");
    }

    @Test
    void theHomePageShowsOnlyNoticesItWroteItself() {
        RegistryClient browser = registry.browser();
        assertThat(browser.get("/?message=Your+account+is+locked").body()).doesNotContain("Your account is locked");
        assertThat(browser.get("/?deleted=Call+us+now").body()).doesNotContain("Call us now");
        assertThat(browser.get("/?deleted=demo/lolcow:latest").body()).contains("Deleted demo/lolcow:latest.");
    }

    @Test
    void aSecondJarOfARunningPluginDoesNotDisturbIt() throws Exception {
        Files.copy(TestPlugins.sample(), registry.dataDir().resolve("plugins").resolve("sample.jar"));
        registry.browser().get("/settings"); // rescans the folder
        assertThat(registry.admin().get("/api/plugins").body()).contains("\"id\":\"sample\"", "\"state\":\"started\"")
                .doesNotContain("\"state\":\"failed\"");
        assertThat(registry.admin().get("/api/sample/hello").statusCode()).isEqualTo(200);
    }
}
