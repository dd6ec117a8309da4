package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceTest extends SimulatorTestBase {

    @Test
    void tasksEndpointsIdentitiesAndTokensSurviveARestart() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.sif"), "abc");
        String ep = endpoint("Persistent", root);
        String done = submit(ep, ep, List.of(item("/~/a.sif", "/out/a.sif", false)), "label", "before restart")
                .get("task_id").asText();
        awaitStatus(done, "SUCCEEDED");
        sim.holdTransfers(true);
        String unfinished = submit(ep, ep, List.of(item("/~/a.sif", "/out/b.sif", false))).get("task_id").asText();
        String defaultId = sim.defaultIdentityId();

        restart();

        assertThat(sim.defaultIdentityId()).isEqualTo(defaultId);
        JsonNode list = http.get(X + "/task_list", token).json();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        JsonNode t = http.get(X + "/task/" + done, token).json();
        assertThat(t.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(t.get("label").asText()).isEqualTo("before restart");
        assertThat(http.get(X + "/task/" + done + "/successful_transfers", token).json().get("DATA")).hasSize(1);
        assertThat(http.get(X + "/endpoint/" + ep, token).json().get("display_name").asText()).isEqualTo("Persistent");
        // the task left unfinished by the old process runs again (the new one does not hold)
        awaitStatus(unfinished, "SUCCEEDED");
        assertThat(root.resolve("out/b.sif")).hasContent("abc");
    }
}
