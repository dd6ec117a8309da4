package org.sregistry.host.oci.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * {@code apptainer pull oras://host/R:tag} replayed request by request (go-containerregistry, fact
 * sheet §2 and §3): for an image uploaded through the REST API (its manifest is made by the
 * registry) and for one pushed over OCI (its manifest is the pushed bytes).
 */
class ApptainerOrasPullReplayIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @TempDir
    static Path files;

    static byte[] uploaded;
    static byte[] pushed;
    static byte[] pushedManifest;

    @BeforeAll
    static void images() {
        uploaded = Wire.sif(files, "lolcow.sif", 300_000, 1);
        Wire wire = new Wire(registry.server().baseUri());
        HttpResponse<byte[]> put = wire.send("PUT", "/api/containers/demo/lolcow:1.0", Wire.bytes(uploaded),
                "Authorization", Wire.basic("admin", registry.adminPassword()));
        assertThat(put.statusCode()).isEqualTo(201);

        pushed = Wire.sif(files, "grace.sif", 200_000, 2);
        pushedManifest = ggcr(wire).apptainerPush("demo/grace", "2.0", "grace.sif", pushed, "2024-05-01T12:00:00Z");
    }

    static GgcrReplay ggcr(Wire wire) {
        return new GgcrReplay(wire, "admin", registry.adminPassword());
    }

    @Test
    void pullOfAnUploadedImage() throws Exception {
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);

        GgcrReplay.Manifest first = ggcr.pullRound("demo/lolcow", "1.0");
        JsonNode layer = GgcrReplay.sifLayer(first);
        assertThat(layer.path("digest").asText()).isEqualTo(Wire.digest(uploaded));
        assertThat(layer.path("size").asLong()).isEqualTo(uploaded.length);
        JsonNode config = first.json().path("config");
        assertThat(config.path("mediaType").asText()).isEqualTo("application/vnd.sylabs.sif.config.v1+json");

        // Apptainer makes four rounds on a cold cache: the manifest never changes between them
        for (int round = 0; round < 3; round++) {
            GgcrReplay.Manifest again = ggcr.pullRound("demo/lolcow", "1.0");
            assertThat(again.digest()).isEqualTo(first.digest());
            assertThat(again.bytes()).isEqualTo(first.bytes());
        }
        assertThat(wire.log()).noneMatch(e -> e.method().equals("HEAD"));

        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:demo/lolcow:pull");
        // v1.5.3 reads the config when the manifest has no inline data, as a made manifest has not
        byte[] configBlob = ggcr.getBlob("demo/lolcow", config, token);
        JsonNode configJson = Wire.JSON.readTree(configBlob);
        assertThat(configJson.path("architecture").asText()).isEqualTo("amd64");
        assertThat(configJson.path("rootfs").asText()).isEqualTo(Wire.digest(uploaded));
        assertThat(ggcr.getBlob("demo/lolcow", layer, token)).isEqualTo(uploaded);

        // by digest, as a cache lookup resolves it
        GgcrReplay.Manifest byDigest = ggcr.getManifest("demo/lolcow", first.digest(), token);
        assertThat(byDigest.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void pullOfAnOciPushedImageServesThePushedBytes() {
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);

        GgcrReplay.Manifest first = ggcr.pullRound("demo/grace", "2.0");
        assertThat(first.contentType()).isEqualTo(GgcrReplay.OCI_MANIFEST);
        assertThat(first.bytes()).isEqualTo(pushedManifest);
        assertThat(first.digest()).isEqualTo(Wire.digest(pushedManifest));
        JsonNode layer = GgcrReplay.sifLayer(first);

        GgcrReplay.Manifest second = ggcr.pullRound("demo/grace", "2.0");
        assertThat(second.digest()).isEqualTo(first.digest());

        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:demo/grace:pull");
        assertThat(ggcr.getBlob("demo/grace", layer, token)).isEqualTo(pushed);
    }

    @Test
    void aTokenForOneRepositoryDoesNotOpenAnother() {
        Wire wire = new Wire(registry.server().baseUri());
        GgcrReplay ggcr = ggcr(wire);
        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:demo/grace:pull");
        HttpResponse<byte[]> other = wire.get("/v2/demo/lolcow/manifests/1.0", "Accept", GgcrReplay.PULL_ACCEPT,
                "Authorization", "Bearer " + token);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(Wire.header(other, "WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"" + wire.origin() + "/v2/token\",service=\"" + wire.authority()
                        + "\",scope=\"repository:demo/lolcow:pull\",error=\"insufficient_scope\"");
    }
}
