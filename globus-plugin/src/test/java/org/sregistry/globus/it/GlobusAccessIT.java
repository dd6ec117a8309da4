package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.users.Role;

/**
 * The plugin on a registry with users: a bring is made for the signed-in caller (their name on the ledger record,
 * the submit and each import in the audit log as {@code globus.*}), and the Globus pages and API stay for
 * administrators only until each user has their own Globus identity.
 */
class GlobusAccessIT {
    private static final String PASSWORD = "a-long-test-password";

    @TempDir
    static Path dir;
    static GlobusFixture fx;
    static Endpoint cluster;

    @BeforeAll
    static void start() throws Exception {
        fx = GlobusFixture.start(dir);
        Path root = Files.createDirectories(dir.resolve("cluster"));
        GlobusFixture.sif(root.resolve("images/moo_v1.sif"), "moo");
        cluster = fx.globus.ownEndpoint("Audited cluster", root);
        fx.registry.createUser("uma", Role.USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void anAdminsBringIsAuditedAndItsImportRecordsTheLedgersUser() throws Exception {
        RegistryClient admin = fx.registry.admin();
        HttpResponse<String> response = admin.postJson("/globus/transfer/get/" + cluster.id,
                "{\"path\":\"/~/images/moo_v1.sif\",\"name\":\"cows/moo:v1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String taskId = GlobusFixture.json(response).path("task_id").asText();

        JsonNode submit = event("globus.transfer.get", taskId);
        assertThat(submit.path("actor").asText()).isEqualTo("admin");
        assertThat(submit.path("target").asText()).isEqualTo("cows");
        assertThat(submit.path("outcome").asText()).isEqualTo("ok");
        assertThat(submit.path("details").path("endpoint").asText()).isEqualTo(cluster.id);
        assertThat(submit.path("details").path("name").asText()).isEqualTo("cows/moo:v1");
        assertThat(GlobusFixture.json(admin.get("/api/globus/tasks/" + taskId)).path("user").asText())
                .as("the ledger keeps who asked").isEqualTo("admin");

        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/audit?action=globus.import").body()
                .contains(taskId));
        JsonNode imported = event("globus.import", taskId);
        assertThat(imported.path("target").asText()).startsWith("cows/moo:v1");
        assertThat(imported.path("details").path("user").asText()).isEqualTo("admin");
        assertThat(imported.path("actor").asText()).as("done by the import task for the user who asked")
                .isEqualTo("admin");
        assertThat(imported.path("details").path("source_path").asText()).isEqualTo("/~/images/moo_v1.sif");
        assertThat(admin.get("/api/container/cows/moo:v1").statusCode()).isEqualTo(200);
    }

    @Test
    void aPlainUserCannotReachTheGlobusPagesOrApi() {
        RegistryClient uma = fx.registry.as("uma", PASSWORD);
        assertThat(uma.get("/globus").statusCode()).isEqualTo(403);
        assertThat(uma.get("/globus/tasks").statusCode()).isEqualTo(403);
        assertThat(uma.get("/api/globus/tasks").statusCode()).isEqualTo(403);
        assertThat(uma.postJson("/globus/transfer/get/" + cluster.id, "{\"path\":\"/~/images/moo_v1.sif\","
                + "\"name\":\"umas/moo:v1\"}").statusCode()).isEqualTo(403);
        assertThat(fx.registry.browserAs("uma", PASSWORD).get("/globus").statusCode()).isEqualTo(403);
    }

    /** The one audit event of {@code action} about task {@code taskId}. */
    private static JsonNode event(String action, String taskId) throws Exception {
        JsonNode events = GlobusFixture.json(fx.registry.admin().get("/api/audit?action=" + action)).path("events");
        JsonNode found = null;
        for (JsonNode e : events) {
            if (action.equals(e.path("action").asText()) && taskId.equals(e.path("details").path("task").asText())) {
                assertThat(found).as("one %s event for %s", action, taskId).isNull();
                found = e;
            }
        }
        assertThat(found).as("%s event for %s in %s", action, taskId, events).isNotNull();
        return found;
    }
}
