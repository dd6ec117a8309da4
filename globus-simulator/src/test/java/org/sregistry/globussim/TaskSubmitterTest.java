package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each task records the identity (and client) whose token submitted it; tests can ask the simulator. */
class TaskSubmitterTest extends SimulatorTestBase {

    @Test
    void tasksRecordWhoSubmittedThem() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("f.sif"), "x");
        String a = endpoint("A", src);
        String b = endpoint("B", tmp.resolve("dst"));
        sim.createEndpoint(EndpointSpec.named(null).id(a).sharedWith("alice@example.org"));
        sim.createEndpoint(EndpointSpec.named(null).id(b).sharedWith("alice@example.org"));
        IdentityTokens alice = sim.createIdentity("alice@example.org");

        String byAlice = submitAs(alice.accessToken(), a, b, List.of(item("/~/f.sif", "/~/f.sif", false))).path("task_id").asText();
        String byAdmin = submit(a, b, List.of(item("/~/f.sif", "/~/g.sif", false))).path("task_id").asText();
        JsonNode doc = awaitStatusAs(alice.accessToken(), byAlice, "SUCCEEDED");
        awaitStatus(byAdmin, "SUCCEEDED");

        // in the Transfer task document
        assertThat(doc.path("owner_id").asText()).isEqualTo(alice.id());
        assertThat(doc.path("owner_string").asText()).isEqualTo("alice@example.org");
        assertThat(doc.path("username").asText()).isEqualTo("alice@example.org");

        // through the Java twin
        SimTask t = sim.task(byAlice);
        assertThat(t.ownerId()).isEqualTo(alice.id());
        assertThat(t.ownerUsername()).isEqualTo("alice@example.org");
        assertThat(t.clientId()).isEqualTo(sim.defaultClientId());
        assertThat(t.status()).isEqualTo("SUCCEEDED");
        assertThat(t.items()).containsExactly(new SimTask.Item("/~/f.sif", "/~/f.sif", false));
        assertThat(sim.tasksSubmittedBy("alice@example.org")).extracting(SimTask::taskId).containsExactly(byAlice);
        assertThat(sim.tasksSubmittedBy(alice.id())).extracting(SimTask::taskId).containsExactly(byAlice);
        assertThat(sim.tasks()).extracting(SimTask::taskId).containsExactly(byAlice, byAdmin);

        // through the control API
        JsonNode one = http.get("/sim/tasks/" + byAlice).json();
        assertThat(one.path("owner_id").asText()).isEqualTo(alice.id());
        assertThat(one.path("owner_string").asText()).isEqualTo("alice@example.org");
        assertThat(one.path("client_id").asText()).isEqualTo(sim.defaultClientId());
        assertThat(one.path("task").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(one.path("items").get(0).path("destination_path").asText()).isEqualTo("/~/f.sif");
        JsonNode list = http.get("/sim/tasks?owner=alice@example.org").json();
        assertThat(list.path("tasks")).hasSize(1);
        assertThat(http.get("/sim/tasks").json().path("tasks")).hasSize(2);
        SimClient.Res unknown = http.get("/sim/tasks/3f0e1d2c-0000-4000-8000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);

        // and after a restart
        restart();
        assertThat(sim.task(byAlice).ownerUsername()).isEqualTo("alice@example.org");
    }
}
