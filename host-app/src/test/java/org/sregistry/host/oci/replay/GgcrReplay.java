package org.sregistry.host.oci.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Apptainer's {@code oras://} sends, through go-containerregistry (fact sheet §2, §3): the
 * anonymous ping, the Bearer challenge, the token from the realm with HTTP Basic, then manifests
 * and blobs with the token. Every status and header ggcr looks at is asserted on the way.
 */
final class GgcrReplay {
    /** ggcr's Accept for a pull (remote.Image/Get): schema1, schema1-signed, docker v2, OCI manifest, docker list, OCI index. */
    static final String PULL_ACCEPT = "application/vnd.docker.distribution.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.v1+prettyjws,"
            + "application/vnd.docker.distribution.manifest.v2+json,"
            + "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.list.v2+json,"
            + "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String SIF_LAYER = "application/vnd.sylabs.sif.layer.v1.sif";
    /** Exactly what the registry must send: realm, service and (on repository routes) scope, no spaces. */
    static final Pattern CHALLENGE = Pattern.compile(
            "Bearer realm=\"([^\"]+)\",service=\"([^\"]+)\"(?:,scope=\"([^\"]+)\")?");

    private final Wire wire;
    private final String basic;

    /** A pulled manifest as ggcr saw it. */
    record Manifest(String digest, String contentType, byte[] bytes, JsonNode json) {
    }

    GgcrReplay(Wire wire, String user, String password) {
        this.wire = wire;
        this.basic = Wire.basic(user, password);
    }

    /** The challenge of the anonymous ping, checked against the exact format; answers {realm, service}. */
    String[] ping() {
        HttpResponse<byte[]> ping = wire.get("/v2/");
        assertThat(ping.statusCode()).as("anonymous ping").isEqualTo(401);
        assertThat(Wire.header(ping, "Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        String challenge = Wire.header(ping, "WWW-Authenticate");
        assertThat(challenge).as("challenge").isNotNull();
        Matcher m = CHALLENGE.matcher(challenge);
        assertThat(m.matches()).as("challenge format: " + challenge).isTrue();
        assertThat(m.group(1)).isEqualTo(wire.origin() + "/v2/token");
        assertThat(m.group(2)).isEqualTo(wire.authority());
        assertThat(m.group(3)).as("no scope on the base endpoint").isNull();
        // ggcr refuses a realm that is a loopback literal unless it is the registry's own host
        assertThat(URI.create(m.group(1)).getHost()).isEqualTo(URI.create(wire.origin()).getHost());
        return new String[] {m.group(1), m.group(2)};
    }

    /** bearer.refreshBasic: GET realm?scope=..&service=.. (url.Values.Encode sorts keys) with Basic. */
    String token(String realm, String service, String scope) {
        HttpResponse<byte[]> response = wire.get(realm + "?scope=" + Wire.q(scope) + "&service=" + Wire.q(service),
                "Authorization", basic);
        assertThat(response.statusCode()).as("token " + scope).isEqualTo(200);
        JsonNode body = Wire.json(response);
        assertThat(body.path("token").asText()).isNotEmpty();
        assertThat(body.path("access_token").asText()).isEqualTo(body.path("token").asText());
        assertThat(body.path("expires_in").asLong()).isGreaterThanOrEqualTo(60);
        assertThat(body.path("issued_at").asText()).isNotEmpty();
        return body.path("token").asText();
    }

    /** One of Apptainer's pull rounds: ping, token for {@code repository:R:pull}, GET manifest (never HEAD). */
    Manifest pullRound(String repository, String reference) {
        String[] challenge = ping();
        String token = token(challenge[0], challenge[1], "repository:" + repository + ":pull");
        return getManifest(repository, reference, token);
    }

    Manifest getManifest(String repository, String reference, String token) {
        HttpResponse<byte[]> response = wire.get("/v2/" + repository + "/manifests/" + reference,
                "Accept", PULL_ACCEPT, "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).as("GET manifest " + repository + ":" + reference).isEqualTo(200);
        String type = Wire.header(response, "Content-Type");
        assertThat(type).as("Content-Type never schema1 (an error for ggcr)").isNotIn(
                "application/vnd.docker.distribution.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v1+prettyjws");
        String digest = Wire.header(response, "Docker-Content-Digest");
        assertThat(digest).isEqualTo(Wire.digest(response.body()));
        assertThat(Wire.header(response, "Content-Length")).isEqualTo(Integer.toString(response.body().length));
        if (reference.startsWith("sha256:")) {
            assertThat(digest).as("by digest").isEqualTo(reference);
        }
        return new Manifest(digest, type, response.body(), Wire.json(response));
    }

    /** GET a blob as ggcr's layer reader does: Content-Length and sha256 must match the descriptor. */
    byte[] getBlob(String repository, JsonNode descriptor, String token) {
        String digest = descriptor.path("digest").asText();
        HttpResponse<byte[]> blob = wire.get("/v2/" + repository + "/blobs/" + digest, "Authorization", "Bearer " + token);
        assertThat(blob.statusCode()).as("GET blob " + digest).isEqualTo(200);
        assertThat(Wire.header(blob, "Content-Length")).isEqualTo(Long.toString(descriptor.path("size").asLong()));
        assertThat(blob.body()).hasSize((int) descriptor.path("size").asLong());
        assertThat(Wire.digest(blob.body())).isEqualTo(digest);
        return blob.body();
    }

    /**
     * Apptainer's layer check on a pulled image manifest: exactly one layer, of the SIF type;
     * answers that layer's descriptor.
     */
    static JsonNode sifLayer(Manifest manifest) {
        assertThat(manifest.contentType()).isEqualTo(OCI_MANIFEST);
        JsonNode layers = manifest.json().path("layers");
        assertThat(layers.size()).as("exactly one layer").isEqualTo(1);
        assertThat(layers.get(0).path("mediaType").asText()).isEqualTo(SIF_LAYER);
        return layers.get(0);
    }

    // ---- push

    /** HEAD manifest by tag before pushing; answers the status (404: go on; 200 must carry three headers). */
    HttpResponse<byte[]> headManifest(String repository, String tag, String mediaType, String token) {
        HttpResponse<byte[]> head = wire.head("/v2/" + repository + "/manifests/" + tag,
                "Accept", mediaType, "Authorization", "Bearer " + token);
        if (head.statusCode() == 200) {
            assertThat(Wire.header(head, "Content-Type")).as("HEAD 200 Content-Type").isNotNull();
            assertThat(Wire.header(head, "Content-Length")).as("HEAD 200 Content-Length").isNotNull();
            assertThat(Wire.header(head, "Docker-Content-Digest")).as("HEAD 200 Docker-Content-Digest").isNotNull();
        }
        return head;
    }

    /**
     * One blob as ggcr writes it: HEAD (200 = skip), POST uploads/ without body, ONE PATCH with the
     * whole blob and no Content-Range (streamed), PUT ?digest= with an empty body. True when uploaded.
     */
    boolean pushBlob(String repository, byte[] blob, String token) {
        String digest = Wire.digest(blob);
        String auth = "Bearer " + token;
        HttpResponse<byte[]> head = wire.head("/v2/" + repository + "/blobs/" + digest, "Authorization", auth);
        if (head.statusCode() == 200) {
            assertThat(Wire.header(head, "Content-Length")).isEqualTo(Integer.toString(blob.length));
            assertThat(Wire.header(head, "Docker-Content-Digest")).isEqualTo(digest);
            return false;
        }
        assertThat(head.statusCode()).as("HEAD blob").isEqualTo(404);

        HttpResponse<byte[]> post = wire.send("POST", "/v2/" + repository + "/blobs/uploads/", Wire.empty(),
                "Content-Type", "application/json", "Authorization", auth);
        assertThat(post.statusCode()).as("POST uploads/").isEqualTo(202);
        String location = Wire.header(post, "Location");
        assertThat(location).as("Location").isNotBlank();
        URI session = URI.create(wire.origin() + "/v2/" + repository + "/blobs/uploads/").resolve(location);

        HttpResponse<byte[]> patch = wire.send("PATCH", session.toString(), Wire.stream(blob),
                "Content-Type", "application/octet-stream", "Authorization", auth);
        assertThat(patch.statusCode()).as("PATCH whole blob").isIn(201, 202, 204);
        String next = Wire.header(patch, "Location");
        assertThat(next).isNotBlank();
        URI commit = session.resolve(next);

        String put = commit + (commit.getRawQuery() == null ? "?" : "&") + "digest=" + Wire.q(digest);
        HttpResponse<byte[]> done = wire.send("PUT", put, Wire.empty(),
                "Content-Type", "application/octet-stream", "Authorization", auth);
        assertThat(done.statusCode()).as("PUT ?digest=").isEqualTo(201);
        assertThat(Wire.header(done, "Docker-Content-Digest")).isEqualTo(digest);
        return true;
    }

    /** PUT the manifest under its tag with its media type as Content-Type. */
    HttpResponse<byte[]> putManifest(String repository, String tag, String mediaType, byte[] manifest, String token) {
        HttpResponse<byte[]> put = wire.send("PUT", "/v2/" + repository + "/manifests/" + tag, Wire.bytes(manifest),
                "Content-Type", mediaType, "Authorization", "Bearer " + token);
        assertThat(put.statusCode()).as("PUT manifest: " + new String(put.body())).isIn(200, 201, 202);
        assertThat(Wire.header(put, "Docker-Content-Digest")).isEqualTo(Wire.digest(manifest));
        assertThat(Wire.header(put, "Location")).isNotBlank();
        return put;
    }

    /**
     * {@code apptainer push x.sif oras://R:tag} (main): ping, token for push,pull, HEAD manifest,
     * config {} and the SIF as blobs, then Apptainer's manifest. Answers the manifest's bytes.
     */
    byte[] apptainerPush(String repository, String tag, String fileName, byte[] sif, String created) {
        String[] challenge = ping();
        String token = token(challenge[0], challenge[1], "repository:" + repository + ":push,pull");
        byte[] manifest = apptainerManifest(fileName, sif, created);
        HttpResponse<byte[]> head = headManifest(repository, tag, OCI_MANIFEST, token);
        assertThat(head.statusCode()).isIn(200, 404);
        pushBlob(repository, "{}".getBytes(), token);
        pushBlob(repository, sif, token);
        putManifest(repository, tag, OCI_MANIFEST, manifest, token);
        return manifest;
    }

    /** Apptainer's manifest for a SIF (fact sheet §3, main branch), byte for byte. */
    static byte[] apptainerManifest(String fileName, byte[] sif, String created) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.sylabs.sif.config.v1+json\",\"size\":2,"
                + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"data\":\"e30=\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.sylabs.sif.layer.v1.sif\",\"size\":" + sif.length
                + ",\"digest\":\"" + Wire.digest(sif) + "\","
                + "\"annotations\":{\"org.opencontainers.image.title\":\"" + fileName + "\"}}],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"" + created + "\"}}").getBytes();
    }
}
