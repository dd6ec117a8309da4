package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.demo.DemoMode;

/**
 * {@code --demo}'s in-process simulator does not hand a working token for the demo identity (the owner of every
 * demo endpoint) to anyone on loopback: its control API is closed, while the demo still drives it in-process.
 */
class DemoSimulatorControlTest {
    @TempDir
    Path dataDir;

    @Test
    void theDemoSimulatorsControlApiIsClosedToOtherProcesses() throws Exception {
        try (DemoMode demo = DemoMode.start(dataDir)) {
            URI control = demo.simulator().controlRoot();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(control.resolve("identities"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin@example.org\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.statusCode()).isEqualTo(401);
            assertThat(tokens.body()).doesNotContain("access_token");
            HttpResponse<String> code = http.send(HttpRequest.newBuilder(control.resolve("authorize?client_id="
                    + demo.simulator().defaultClientId() + "&redirect_uri=x&scope=openid&response_type=code"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(code.statusCode()).isEqualTo(401);
            assertThat(code.body()).doesNotContain("\"code\"");

            assertThat(demo.simulator().defaultIdentityTokens().accessToken()).as("in-process use still works")
                    .isNotBlank();
        }
    }
}
