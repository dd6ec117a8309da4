package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Bodies that are not JSON on the Globus transfer and login APIs are the caller's mistake: 400 naming the problem,
 * one log line each, no stack trace (the host's error mapping answers it for every route).
 */
class MalformedJsonIT {
    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().plugin(PluginJar.path()).enable("globus").build();

    private static final String ENDPOINT = "0f4a6f6e-3d1c-4d8e-9a51-5d2f0c7b9e11";

    private static Map<String, byte[]> bodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("truncated", "{".getBytes(StandardCharsets.UTF_8));
        bodies.put("garbage", "garbage".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'p', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        bodies.put("nesting depth 5000", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    @Test
    void malformedBodiesAre400sNamingTheProblemWithOneLogLineAndNoStackTrace() throws Exception {
        RegistryClient admin = registry.admin();
        String[] routes = {"/globus/transfer/get/" + ENDPOINT, "/globus/transfer/put/" + ENDPOINT,
                "/api/globus/login/" + UUID.randomUUID()};
        String logBefore = Files.readString(registry.server().logFile());
        int sent = 0;
        for (String route : routes) {
            for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
                HttpResponse<String> r = admin.send(admin.request(route).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue())));
                sent++;
                String what = route + " with " + body.getKey() + ": " + r.body();
                assertThat(r.statusCode()).as(what).isEqualTo(400);
                JsonNode json = GlobusFixture.JSON.readTree(r.body());
                assertThat(json.path("error").asText()).as(what).isEqualTo("bad_json");
                assertThat(json.path("message").asText()).as(what).startsWith("the request body is not valid JSON: ");
            }
        }
        String tail = Files.readString(registry.server().logFile()).substring(logBefore.length());
        assertThat(tail.lines().filter(l -> l.contains("the request body is not valid JSON")).count()).isEqualTo(sent);
        assertThat(tail).doesNotContain("Unhandled error", "\tat ", "Exception:");
    }

    @Test
    void aQueryValueOfTheWrongKindIsA400NotAMissingRoute() throws Exception {
        RegistryClient admin = registry.admin();
        HttpResponse<String> r = admin.get("/api/globus/tasks?limit=abc");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode json = GlobusFixture.JSON.readTree(r.body());
        assertThat(json.path("error").asText()).isEqualTo("bad_parameter");
        assertThat(json.path("message").asText()).isEqualTo(
                "the query parameter 'limit' has a value of the wrong kind: a whole number is expected");
        assertThat(admin.get("/api/globus/tasks?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void theMessagesSayWhatIsWrong() throws Exception {
        RegistryClient admin = registry.admin();
        Map<String, String> said = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
            HttpResponse<String> r = admin.send(admin.request("/globus/transfer/get/" + ENDPOINT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue())));
            said.put(body.getKey(), GlobusFixture.JSON.readTree(r.body()).path("message").asText());
        }
        assertThat(said.get("truncated")).containsIgnoringCase("end-of-input").contains("line 1");
        assertThat(said.get("garbage")).contains("Unrecognized token 'garbage'");
        assertThat(said.get("invalid UTF-8")).contains("Invalid UTF-8");
        assertThat(said.get("nesting depth 5000")).containsIgnoringCase("nesting depth");
    }
}
