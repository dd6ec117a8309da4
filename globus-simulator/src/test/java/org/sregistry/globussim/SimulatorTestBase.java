package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts a fresh simulator on a loopback random port per test, with the default identity's tokens at hand. */
abstract class SimulatorTestBase {
    static final String X = "/transfer/v0.10";

    @TempDir
    Path tmp;
    GlobusSimulator sim;
    SimClient http;
    /** The default identity's Transfer access token. */
    String token;
    IdentityTokens admin;

    @BeforeEach
    void startSimulator() {
        sim = GlobusSimulator.start(config().build());
        http = new SimClient(sim.baseUri());
        admin = sim.defaultIdentityTokens();
        token = admin.accessToken();
    }

    SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().port(0).dataDir(tmp.resolve("data")).transferBytesPerSecond(0);
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) sim.close();
    }

    /** Restarts on the same data dir (a new port). */
    void restart() {
        sim.close();
        sim = GlobusSimulator.start(config().build());
        http = new SimClient(sim.baseUri());
    }

    String endpoint(String name, Path root) {
        return sim.createEndpoint(EndpointSpec.named(name).root(root)).id;
    }

    JsonNode submit(String src, String dst, List<Map<String, Object>> items, Object... extra) {
        return submitAs(token, src, dst, items, extra);
    }

    /** Submits with another identity's Transfer token. */
    JsonNode submitAs(String token, String src, String dst, List<Map<String, Object>> items, Object... extra) {
        String submissionId = http.get(X + "/submission_id", token).json().get("value").asText();
        Map<String, Object> doc = SimClient.map("DATA_TYPE", "transfer", "submission_id", submissionId,
                "source_endpoint", src, "destination_endpoint", dst, "DATA", items);
        for (int i = 0; i < extra.length; i += 2) doc.put((String) extra[i], extra[i + 1]);
        SimClient.Res r = http.postJson(X + "/transfer", token, doc);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    static Map<String, Object> item(String source, String destination, boolean recursive) {
        return SimClient.map("DATA_TYPE", "transfer_item", "source_path", source, "destination_path", destination,
                "recursive", recursive);
    }

    JsonNode awaitStatus(String taskId, String status) {
        return awaitStatusAs(token, taskId, status);
    }

    JsonNode awaitStatusAs(String token, String taskId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = http.get(X + "/task/" + taskId, token).json();
            return status.equals(last[0].path("status").asText());
        });
        return last[0];
    }
}
