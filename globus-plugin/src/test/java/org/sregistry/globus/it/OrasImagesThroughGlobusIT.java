package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import land.oras.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.oci.clients.Credentials;
import org.sregistry.host.oci.clients.OrasClient;

/**
 * The OCI side and the Globus side of one registry meet: a SIF pushed with oras-java (oras://) is
 * sent to a cluster with the plugin's Send, and a SIF brought from the cluster with Bring is pulled
 * with oras-java, byte for byte both ways. The real host with the built plugin, the simulator
 * really copying files, and oras-java ({@code land.oras:oras-java-sdk}) over {@code /v2/} with the
 * admin's login, through the host test kit's {@link OrasClient}.
 */
class OrasImagesThroughGlobusIT {
    @TempDir
    static Path dir;
    static GlobusFixture fx;
    static Endpoint cluster;
    static Path clusterRoot;

    @BeforeAll
    static void start() throws Exception {
        fx = GlobusFixture.start(dir);
        clusterRoot = Files.createDirectories(dir.resolve("cluster"));
        Files.createDirectories(clusterRoot.resolve("images"));
        cluster = fx.globus.sim.createEndpoint(EndpointSpec.named("HPC Cluster scratch")
                .owner(fx.globus.sim.defaultUsername()).root(clusterRoot));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aSifPushedWithOrasJavaIsSentToTheClusterByteForByte() throws Exception {
        Path sif = GlobusFixture.sif(dir.resolve("pushed/oras.sif"), "pushed with oras-java");
        Manifest pushed;
        try (OrasClient oras = oras()) {
            pushed = oras.pushSifArtifact("lab/oras:1.0", sif);
        }
        String layer = sha256(sif);
        assertThat(pushed.getLayers()).singleElement().satisfies(l -> assertThat(l.getDigest()).isEqualTo(layer));
        JsonNode image = GlobusFixture.json(fx.registry.admin().get("/api/container/lab/oras:1.0"));
        assertThat(image.path("version").asText()).as("a registry image, versioned by its layer digest").isEqualTo(layer);

        // the folder page offers it for sending like any registry image
        String folder = fx.registry.browser().get("/globus/" + cluster.id + "?path=" + enc("/~/")).body();
        assertThat(folder).contains("value=\"lab/oras:1.0@" + layer + "\"");

        HttpResponse<String> response = fx.registry.admin().postJson("/globus/transfer/put/" + cluster.id,
                "{\"path\":\"/~/images/\",\"containers\":[\"lab/oras:1.0\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String taskId = GlobusFixture.json(response).path("task_id").asText();
        JsonNode task = GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks/" + taskId));
        assertThat(task.path("direction").asText()).isEqualTo("send");
        assertThat(task.path("items").toString()).contains("lab/oras:1.0@" + layer, "/~/images/oras_1.0.sif");

        await().atMost(Duration.ofSeconds(60)).until(() -> GlobusFixture.json(fx.registry.admin()
                .get("/api/globus/tasks/" + taskId)).path("status").asText().equals("SUCCEEDED"));
        Path arrived = clusterRoot.resolve("images/oras_1.0.sif");
        assertThat(arrived).exists().hasSameBinaryContentAs(sif);
    }

    @Test
    void aSifBroughtFromTheClusterIsPulledWithOrasJavaWithTheSameDigest() throws Exception {
        Path onCluster = GlobusFixture.sif(clusterRoot.resolve("results/analysis_2.1.sif"), "made on the cluster");
        String digest = sha256(onCluster);

        HttpResponse<String> response = fx.registry.admin().postJson("/globus/transfer/get/" + cluster.id,
                "{\"path\":\"/~/results/analysis_2.1.sif\",\"name\":\"lab/analysis:2.1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String taskId = GlobusFixture.json(response).path("task_id").asText();
        assertThat(GlobusFixture.json(fx.registry.admin().get("/api/globus/tasks/" + taskId)).path("direction").asText())
                .isEqualTo("bring");

        // the import takes the file from staging into the registry
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> fx.registry.admin().get("/api/container/lab/analysis:2.1").statusCode() == 200);
        JsonNode image = GlobusFixture.json(fx.registry.admin().get("/api/container/lab/analysis:2.1"));
        assertThat(image.path("version").asText()).isEqualTo(digest);
        assertThat(image.path("file_info").path("format").asText()).isEqualTo("sif");

        Path out = Files.createDirectories(dir.resolve("pulled"));
        try (OrasClient oras = oras()) {
            Manifest manifest = oras.manifest("lab/analysis:2.1");
            assertThat(manifest.getLayers()).singleElement().satisfies(l -> {
                assertThat(l.getMediaType()).isEqualTo(OrasClient.SIF_LAYER_MEDIA_TYPE);
                assertThat(l.getDigest()).isEqualTo(digest);
                assertThat(l.getSize()).isEqualTo(Files.size(onCluster));
            });
            oras.pull("lab/analysis:2.1", out);
        }
        List<Path> pulled;
        try (Stream<Path> files = Files.list(out)) {
            pulled = files.toList();
        }
        assertThat(pulled).as("the one titled layer").singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).isEqualTo("analysis_2.1.sif");
            assertThat(sha256(f)).as("digest of the pulled file").isEqualTo(digest);
            assertThat(f).hasSameBinaryContentAs(onCluster);
        });
    }

    private static OrasClient oras() {
        return new OrasClient(fx.registry.server().baseUri().getAuthority(),
                new Credentials("admin", fx.registry.adminPassword()));
    }

    private static String sha256(Path file) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
