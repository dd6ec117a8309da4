package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.host.testkit.RegistryClient;

/**
 * A Bring never silently replaces an image: a file whose name maps to an existing tag is imported under a free
 * name ({@code :v1-2}, {@code :v1-3}) and the activity page says so; only a transfer with "replace" ticked (form
 * checkbox, or {@code "replace": true} in the JSON API, kept in the ledger) replaces it.
 */
class BringNeverReplacesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path shared;
    static GlobusWorld world;
    static ImportHost host;
    static RegistryClient admin;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        host = ImportHost.start(world, shared.resolve("registry"), 3600);
        admin = host.registry.admin();
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private static String version(String uri) throws Exception {
        HttpResponse<String> r = admin.get("/api/container/" + uri);
        assertThat(r.statusCode()).as(uri + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("version").asText();
    }

    private static String bring(String json) throws Exception {
        HttpResponse<String> r = admin.postJson("/globus/transfer/get/" + world.cluster.id, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("task_id").asText();
    }

    private static TransferRecord imported(String task) {
        world.awaitFinished(task);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return host.ledger.get(task).orElseThrow();
        }, r -> r.items().get(0).settled());
    }

    @Test
    void aFileNamedLikeAnExistingTagGetsAFreeNameAndOnlyReplaceReplaces() throws Exception {
        HttpResponse<String> put = admin.send(admin.request("/api/containers/hpc-cluster/plain:v1")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(GlobusWorld.imageBytes("the original"))));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String original = version("hpc-cluster/plain:v1");
        world.clusterFile("plain_v1.sif", GlobusWorld.imageBytes("from the cluster"));

        // 1. no name given: parsed from plain_v1.sif on "HPC Cluster" = the existing hpc-cluster/plain:v1
        String first = bring("{\"path\":\"/~/plain_v1.sif\"}");
        TransferRecord one = imported(first);
        assertThat(one.items().get(0).imageUri()).startsWith("hpc-cluster/plain:v1-2@");
        assertThat(version("hpc-cluster/plain:v1")).as("left as it was").isEqualTo(original);
        version("hpc-cluster/plain:v1-2");
        String page = host.registry.browser().get("/globus/tasks/" + first).body();
        assertThat(page).contains("imported hpc-cluster/plain:v1-2", "hpc-cluster/plain:v1 exists already");

        // 2. the same again: the next free name
        TransferRecord two = imported(bring("{\"path\":\"/~/plain_v1.sif\",\"name\":\"hpc-cluster/plain:v1\"}"));
        assertThat(two.items().get(0).imageUri()).startsWith("hpc-cluster/plain:v1-3@");
        assertThat(version("hpc-cluster/plain:v1")).isEqualTo(original);

        // 3. "replace" ticked in the JSON API: kept in the ledger, and the existing image is replaced
        String third = bring("{\"path\":\"/~/plain_v1.sif\",\"name\":\"hpc-cluster/plain:v1\",\"replace\":true}");
        assertThat(host.ledger.get(third).orElseThrow().items().get(0).replaceExisting()).isTrue();
        TransferRecord replaced = imported(third);
        assertThat(replaced.items().get(0).imageUri()).startsWith("hpc-cluster/plain:v1@");
        assertThat(version("hpc-cluster/plain:v1")).isNotEqualTo(original);
        JsonNode api = JSON.readTree(admin.get("/api/globus/tasks/" + third).body());
        assertThat(api.path("items").get(0).path("replace").asBoolean()).isTrue();
        assertThat(admin.get("/api/containers?q=plain").body()).contains("\"total\":3");
    }

    @Test
    void theBringFormHasAReplaceCheckboxAndTheApiRefusesANonBooleanReplace() throws Exception {
        world.clusterFile("boxed_v1.sif", GlobusWorld.imageBytes("boxed"));
        RegistryClient browser = host.registry.browser();
        String folder = browser.get("/globus/" + world.cluster.id).body();
        assertThat(folder).contains("name=\"replace\"", "id=\"globus-bring-replace\"");

        HttpResponse<String> ticked = browser.form("/globus/transfer/get/" + world.cluster.id,
                Map.of("path", "/~/boxed_v1.sif", "name", "demo/boxed:v1", "replace", "on"));
        assertThat(ticked.statusCode()).as(ticked.body()).isEqualTo(200);
        assertThat(ticked.body()).contains("replacing the image of that name");
        HttpResponse<String> unticked = browser.form("/globus/transfer/get/" + world.cluster.id,
                Map.of("path", "/~/boxed_v1.sif", "name", "demo/boxed:v1"));
        assertThat(unticked.body()).contains("nothing is replaced");
        assertThat(host.ledger.list(50, 0).stream().filter(r -> r.label().contains("demo-boxed"))
                .map(r -> r.items().get(0).replaceExisting())).containsExactlyInAnyOrder(true, false);

        HttpResponse<String> bad = admin.postJson("/globus/transfer/get/" + world.cluster.id,
                "{\"path\":\"/~/boxed_v1.sif\",\"replace\":\"yes\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'replace' must be true or false");
    }
}
