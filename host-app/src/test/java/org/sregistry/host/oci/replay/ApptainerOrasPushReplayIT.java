package org.sregistry.host.oci.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * {@code apptainer push x.sif oras://host/R:tag} replayed (go-containerregistry, fact sheet §3):
 * ping, token for push,pull, HEAD manifest (404), per blob HEAD (404), POST uploads/ without
 * body, one PATCH of the whole blob without Content-Range, PUT ?digest= with an empty body, then
 * Apptainer's manifest. The SIF becomes a registry image; pushing the same again finds everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApptainerOrasPushReplayIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @TempDir
    static Path files;

    static byte[] sif;
    static byte[] manifest;

    static GgcrReplay ggcr(Wire wire) {
        return new GgcrReplay(wire, "admin", registry.adminPassword());
    }

    @Test
    @Order(1)
    void firstPush() {
        sif = Wire.sif(files, "lolcow.sif", 500_000, 7);
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);

        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:push/lolcow:push,pull");
        manifest = GgcrReplay.apptainerManifest("lolcow.sif", sif, "2024-05-01T12:00:00Z");

        HttpResponse<byte[]> head = ggcr.headManifest("push/lolcow", "1.0", GgcrReplay.OCI_MANIFEST, token);
        assertThat(head.statusCode()).as("HEAD manifest before the first push").isEqualTo(404);
        assertThat(ggcr.pushBlob("push/lolcow", "{}".getBytes(), token)).as("config uploaded").isTrue();
        assertThat(ggcr.pushBlob("push/lolcow", sif, token)).as("SIF uploaded").isTrue();
        HttpResponse<byte[]> put = ggcr.putManifest("push/lolcow", "1.0", GgcrReplay.OCI_MANIFEST, manifest, token);
        assertThat(put.statusCode()).isEqualTo(201);

        // the exact sequence ggcr sends, statuses included
        assertThat(wire.log()).extracting(e -> e.method() + " " + path(e.url()) + " " + e.status()).containsExactly(
                "GET /v2/ 401",
                "GET /v2/token 200",
                "HEAD /v2/push/lolcow/manifests/1.0 404",
                "HEAD /v2/push/lolcow/blobs/" + Wire.digest("{}".getBytes()) + " 404",
                "POST /v2/push/lolcow/blobs/uploads/ 202",
                "PATCH /v2/push/lolcow/blobs/uploads/{id} 202",
                "PUT /v2/push/lolcow/blobs/uploads/{id} 201",
                "HEAD /v2/push/lolcow/blobs/" + Wire.digest(sif) + " 404",
                "POST /v2/push/lolcow/blobs/uploads/ 202",
                "PATCH /v2/push/lolcow/blobs/uploads/{id} 202",
                "PUT /v2/push/lolcow/blobs/uploads/{id} 201",
                "PUT /v2/push/lolcow/manifests/1.0 201");
    }

    @Test
    @Order(2)
    void thePushIsARegistryImageWithSifFacts() throws Exception {
        Wire wire = new Wire(registry.server().baseUri());
        HttpResponse<byte[]> list = wire.get("/api/containers?q=lolcow", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode image = null;
        for (JsonNode item : Wire.json(list).path("items")) {
            if (item.path("uri").asText().startsWith("push/lolcow:1.0")) {
                image = item;
            }
        }
        assertThat(image).as("push/lolcow:1.0 in " + new String(list.body())).isNotNull();
        assertThat(image.path("uri").asText()).isEqualTo("push/lolcow:1.0@" + Wire.digest(sif));
        assertThat(image.path("size").asLong()).isEqualTo(sif.length);
        assertThat(image.path("file_info").path("format").asText()).isEqualTo("sif");
        assertThat(image.path("file_info").path("sif.arch").asText()).isEqualTo("amd64");

        HttpResponse<byte[]> download = wire.get("/api/container/push/lolcow:1.0/download", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(download.body()).isEqualTo(sif);
    }

    @Test
    @Order(3)
    void aSecondPushOfTheSameFindsEverything() {
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);
        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:push/lolcow:push,pull");

        HttpResponse<byte[]> head = ggcr.headManifest("push/lolcow", "1.0", GgcrReplay.OCI_MANIFEST, token);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(Wire.header(head, "Content-Type")).isEqualTo(GgcrReplay.OCI_MANIFEST);
        assertThat(Wire.header(head, "Content-Length")).isEqualTo(Integer.toString(manifest.length));
        assertThat(Wire.header(head, "Docker-Content-Digest")).isEqualTo(Wire.digest(manifest));
        assertThat(head.body()).isEmpty();

        assertThat(ggcr.pushBlob("push/lolcow", "{}".getBytes(), token)).as("config found").isFalse();
        assertThat(ggcr.pushBlob("push/lolcow", sif, token)).as("SIF found").isFalse();
        ggcr.putManifest("push/lolcow", "1.0", GgcrReplay.OCI_MANIFEST, manifest, token);

        HttpResponse<byte[]> list = wire.get("/api/containers?q=lolcow", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(Wire.json(list).path("items").size()).as("still one image").isEqualTo(1);
        GgcrReplay.Manifest pulled = ggcr.pullRound("push/lolcow", "1.0");
        assertThat(pulled.bytes()).isEqualTo(manifest);
    }

    @Test
    @Order(4)
    void anotherTagOfTheSameSifWithAv153Manifest() {
        // v1.5.3 writes neither the inline config data nor annotations
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);
        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:push/lolcow:push,pull");
        byte[] old = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.sylabs.sif.config.v1+json\",\"size\":2,"
                + "\"digest\":\"" + Wire.digest("{}".getBytes()) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.sylabs.sif.layer.v1.sif\",\"size\":" + sif.length
                + ",\"digest\":\"" + Wire.digest(sif) + "\","
                + "\"annotations\":{\"org.opencontainers.image.title\":\"lolcow.sif\"}}]}").getBytes();
        assertThat(ggcr.headManifest("push/lolcow", "old", GgcrReplay.OCI_MANIFEST, token).statusCode()).isEqualTo(404);
        assertThat(ggcr.pushBlob("push/lolcow", "{}".getBytes(), token)).isFalse();
        assertThat(ggcr.pushBlob("push/lolcow", sif, token)).isFalse();
        ggcr.putManifest("push/lolcow", "old", GgcrReplay.OCI_MANIFEST, old, token);
        HttpResponse<byte[]> image = wire.get("/api/container/push/lolcow:old", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(Wire.json(image).path("version").asText()).isEqualTo(Wire.digest(sif));
    }

    /** The path, with upload session ids replaced by {id}. */
    private static String path(String url) {
        String p = java.net.URI.create(url).getPath();
        return p.replaceAll("/blobs/uploads/[0-9a-f-]{36}$", "/blobs/uploads/{id}");
    }
}
