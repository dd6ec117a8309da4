package org.sregistry.host.oci.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * {@code apptainer remote add/login/status}, {@code pull library://} and {@code push library://}
 * replayed through the OCI redirect (fact sheet §4 and its corrections): discovery, token status,
 * image facts, the redirect, then {@code /v2/} with the redirect's token. Images bigger than two
 * 5 MiB parts, so the pull makes three parallel ranged GETs and the push three PATCHes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibraryClientReplayIT {

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().build();

    @TempDir
    static Path files;

    static String apiToken;
    static byte[] uploaded;
    static byte[] pushed;

    @BeforeAll
    static void setUp() {
        apiToken = registry.adminToken("library-replay");
        uploaded = Wire.sif(files, "big.sif", 11 * 1024 * 1024 + 12_345, 11);
        HttpResponse<byte[]> put = new Wire(registry.server().baseUri()).send("PUT", "/api/containers/lib/big:1.0",
                Wire.bytes(uploaded), "Authorization", Wire.basic("admin", registry.adminPassword()));
        assertThat(put.statusCode()).isEqualTo(201);
    }

    static Wire wire() {
        return new Wire(registry.server().baseUri());
    }

    /** {@code remote add}: GET https://<remote>/assets/config/config.prod.json, no credentials. */
    static Map<String, String> discovery(Wire wire) {
        HttpResponse<byte[]> config = wire.get("/assets/config/config.prod.json");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode body = Wire.json(config);
        // Apptainer unmarshals into map[string]map[string]interface{}: every value must be an object
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            assertThat(it.next().getValue().isObject()).isTrue();
        }
        assertThat(body.path("keystoreAPI").path("uri").asText()).as("a keyserver is required").isEqualTo(wire.origin());
        return Map.of("library", body.path("libraryAPI").path("uri").asText(),
                "token", body.path("tokenAPI").path("uri").asText());
    }

    @Test
    @Order(1)
    void remoteAddLoginAndStatus() {
        Wire wire = wire();
        Map<String, String> services = discovery(wire);
        assertThat(services).containsEntry("library", wire.origin()).containsEntry("token", wire.origin());

        // remote login: VerifyToken
        HttpResponse<byte[]> ok = wire.get(services.get("token") + "/v1/token-status", "Authorization", "Bearer " + apiToken);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Wire.json(ok).has("data")).isTrue();
        HttpResponse<byte[]> wrong = wire.get(services.get("token") + "/v1/token-status", "Authorization",
                "Bearer reg_not-a-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Wire.json(wrong).path("error").path("code").asInt()).isEqualTo(401);
        assertThat(Wire.json(wrong).path("error").path("message").asText()).isNotEmpty();
        assertThat(wire.get(services.get("token") + "/v1/token-status").statusCode()).isEqualTo(401);

        // remote status: <service uri>/version, jsonresp-wrapped
        for (String uri : List.of(services.get("library"), services.get("token"), wire.origin())) {
            HttpResponse<byte[]> version = wire.get(uri + "/version");
            assertThat(version.statusCode()).isEqualTo(200);
            JsonNode data = Wire.json(version).path("data");
            assertThat(data.path("version").asText()).isNotEmpty();
            assertThat(data.path("apiVersion").asText()).isEqualTo("2.0.0");
        }
    }

    @Test
    @Order(2)
    void pullOfAnUploadedImage() throws Exception {
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, discovery(wire).get("library"));
        byte[] file = client.pull("someone/lib/big", "1.0", "amd64");
        assertThat(file).isEqualTo(uploaded);

        // the sequence: the index asked first, refused by Content-Type, then the manifest; 401 before every retry
        List<String> seen = wire.log().stream().map(e -> e.method() + " " + URI.create(e.url()).getPath()
                + (e.authorization() == null ? " anon " : " auth ") + e.status()).toList();
        assertThat(seen).startsWith(
                "GET /assets/config/config.prod.json anon 200",
                "GET /v1/images/someone/lib/big:1.0 auth 200",
                "GET /v1/oci-redirect auth 200",
                "GET /v2/lib/big/manifests/1.0 anon 401",
                "GET /v2/lib/big/manifests/1.0 auth 200",
                "GET /v2/lib/big/manifests/1.0 anon 401",
                "GET /v2/lib/big/manifests/1.0 auth 200");
        assertThat(seen.stream().filter(s -> s.contains("/blobs/" + Wire.digest(uploaded)) && s.endsWith("206")))
                .hasSize(3);

        // the two- and one-part forms name the same image
        assertThat(client.pull("lib/big", "1.0", "amd64")).isEqualTo(uploaded);
    }

    @Test
    @Order(3)
    void imageFactsAndRefusalsInLibraryJson() {
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, wire.origin());
        JsonNode image = client.getImage("amd64", "someone/lib/big:1.0");
        assertThat(image.path("hash").asText()).isEqualTo("sha256." + Wire.sha256Hex(uploaded));
        assertThat(image.path("size").asLong()).isEqualTo(uploaded.length);
        assertThat(image.path("arch").asText()).isEqualTo("amd64");
        // by the library hash, as the legacy push looks an image up
        assertThat(client.getImage("amd64", "someone/lib/big:sha256." + Wire.sha256Hex(uploaded))
                .path("hash").asText()).isEqualTo(image.path("hash").asText());

        HttpResponse<byte[]> absent = client.api("v1/images/someone/lib/nothing:1.0", "arch=amd64");
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(Wire.json(absent).path("error").path("code").asInt()).isEqualTo(404);
        HttpResponse<byte[]> otherArch = client.api("v1/images/someone/lib/big:1.0", "arch=arm64");
        assertThat(otherArch.statusCode()).isEqualTo(404);
        HttpResponse<byte[]> malformed = client.api("v1/images/a/b/c/d:1.0", "arch=amd64");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(Wire.json(malformed).path("error").path("message").asText()).isNotEmpty();

        LibraryClientReplay anonymous = new LibraryClientReplay(wire, null, wire.origin());
        HttpResponse<byte[]> noToken = anonymous.api("v1/images/someone/lib/big:1.0", "arch=amd64");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(Wire.json(noToken).path("error").path("code").asInt()).isEqualTo(401);
        HttpResponse<byte[]> redirect = anonymous.api("v1/oci-redirect", "accessTypes=pull&mapped=1&namespace="
                + Wire.q("someone/lib/big"));
        assertThat(redirect.statusCode()).as("anonymous pull is off").isEqualTo(401);
        assertThat(Wire.json(redirect).path("error").path("code").asInt()).isEqualTo(401);

        HttpResponse<byte[]> post = wire.send("POST", "/v1/oci-redirect", Wire.empty(), "Authorization", "Bearer " + apiToken);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(Wire.json(post).path("error").path("code").asInt()).isEqualTo(405);
        HttpResponse<byte[]> unknown = wire.get("/v1/imagefile/someone/lib/big:1.0", "Authorization", "Bearer " + apiToken);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Wire.json(unknown).path("error").path("code").asInt()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void theRedirect() {
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, wire.origin());
        LibraryClientReplay.Redirect pull = client.ociRegistryAuth("someone/lib/big", "pull");
        assertThat(pull.url()).hasToString(wire.origin() + "/");
        assertThat(pull.name()).isEqualTo("lib/big");
        // the redirect token is a /v2/ token of exactly that scope
        assertThat(wire.get("/v2/lib/big/tags/list", "Authorization", "Bearer " + pull.token()).statusCode()).isEqualTo(200);
        assertThat(wire.send("POST", "/v2/lib/big/blobs/uploads/", Wire.empty(), "Authorization", "Bearer " + pull.token())
                .statusCode()).as("pull only").isEqualTo(401);
        assertThat(wire.get("/v2/lib/other/tags/list", "Authorization", "Bearer " + pull.token()).statusCode())
                .as("that repository only").isEqualTo(401);
        // the one-part form maps to the default collection
        assertThat(client.ociRegistryAuth("big", "pull").name()).isEqualTo("library/big");
        HttpResponse<byte[]> bad = client.api("v1/oci-redirect", "accessTypes=pull&mapped=1&namespace=" + Wire.q("A/B/C"));
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(Wire.json(bad).path("error").path("code").asInt()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void pushBecomesARegistryImage() throws Exception {
        pushed = Wire.sif(files, "cow.sif", 12 * 1024 * 1024 + 777, 12);
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, discovery(wire).get("library"));
        String manifestDigest = client.push("someone/libpush/cow", List.of("2.0", "latest"), pushed, "amd64");

        List<String> seen = wire.log().stream().map(e -> e.method() + " "
                + URI.create(e.url()).getPath().replaceAll("/uploads/[0-9a-f-]{36}$", "/uploads/{id}")
                + (e.authorization() == null ? " anon " : " auth ") + e.status()).toList();
        String sif = Wire.digest(pushed);
        String hash = "sha256." + Wire.sha256Hex(pushed);
        assertThat(seen).containsExactly(
                "GET /assets/config/config.prod.json anon 200",
                "GET /v1/oci-redirect auth 200",
                "HEAD /v2/libpush/cow/blobs/" + sif + " anon 401",
                "HEAD /v2/libpush/cow/blobs/" + sif + " auth 404",
                "POST /v2/libpush/cow/blobs/uploads/ anon 401",
                "POST /v2/libpush/cow/blobs/uploads/ auth 202",
                "PATCH /v2/libpush/cow/blobs/uploads/{id} auth 202",
                "PATCH /v2/libpush/cow/blobs/uploads/{id} auth 202",
                "PATCH /v2/libpush/cow/blobs/uploads/{id} auth 202",
                "PUT /v2/libpush/cow/blobs/uploads/{id} auth 201",
                "POST /v2/libpush/cow/blobs/uploads/ anon 401",
                "POST /v2/libpush/cow/blobs/uploads/ auth 202",
                "PATCH /v2/libpush/cow/blobs/uploads/{id} auth 202",
                "PUT /v2/libpush/cow/blobs/uploads/{id} auth 201",
                "PUT /v2/libpush/cow/manifests/" + hash + " anon 401",
                "PUT /v2/libpush/cow/manifests/" + hash + " auth 201",
                "PUT /v2/libpush/cow/manifests/2.0 anon 401",
                "PUT /v2/libpush/cow/manifests/2.0 auth 201",
                "PUT /v2/libpush/cow/manifests/latest anon 401",
                "PUT /v2/libpush/cow/manifests/latest auth 201");

        HttpResponse<byte[]> list = wire.get("/api/containers?q=cow", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        List<String> uris = Wire.json(list).path("items").findValuesAsText("uri");
        assertThat(uris).contains("libpush/cow:2.0@" + sif, "libpush/cow:latest@" + sif);
        assertThat(uris).as("the manifest's hash tag is no image").noneMatch(u -> u.contains("sha256."));
        for (JsonNode item : Wire.json(list).path("items")) {
            assertThat(item.path("file_info").path("sif.arch").asText()).isEqualTo("amd64");
        }

        // library pull of what was pushed: the index is served, its amd64 entry followed
        LibraryClientReplay again = new LibraryClientReplay(wire, apiToken, wire.origin());
        assertThat(again.pull("someone/libpush/cow", "2.0", "amd64")).isEqualTo(pushed);
        LibraryClientReplay.Redirect r = again.ociRegistryAuth("someone/libpush/cow", "pull");
        String[] digest = new String[1];
        JsonNode index = again.downloadManifest(r, "2.0", LibraryClientReplay.INDEX, digest);
        assertThat(index).isNotNull();
        assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(manifestDigest);
        // the manifest also stays reachable under the hash tag the client gave it
        assertThat(again.downloadManifest(r, hash, LibraryClientReplay.MANIFEST, digest)).isNotNull();
        assertThat(digest[0]).isEqualTo(manifestDigest);
    }

    @Test
    @Order(6)
    void aLibraryPushIsPullableOverOras() {
        Wire wire = wire();
        GgcrReplay ggcr = new GgcrReplay(wire, "admin", registry.adminPassword());
        GgcrReplay.Manifest top = ggcr.pullRound("libpush/cow", "2.0");
        assertThat(top.contentType()).isEqualTo(GgcrReplay.OCI_INDEX);
        JsonNode entry = top.json().path("manifests").get(0);
        assertThat(entry.path("platform").path("os").asText()).isEqualTo("linux");
        assertThat(entry.path("platform").path("architecture").asText()).isEqualTo("amd64");

        String[] challenge = ggcr.ping();
        String token = ggcr.token(challenge[0], challenge[1], "repository:libpush/cow:pull");
        GgcrReplay.Manifest child = ggcr.getManifest("libpush/cow", entry.path("digest").asText(), token);
        JsonNode layer = GgcrReplay.sifLayer(child);
        assertThat(ggcr.getBlob("libpush/cow", layer, token)).isEqualTo(pushed);
    }

    @Test
    @Order(7)
    void aSecondLibraryPushSkipsTheLayer() {
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, wire.origin());
        client.push("someone/libpush/cow", List.of("3.0"), pushed, "amd64");
        List<String> seen = wire.log().stream().map(e -> e.method() + " " + URI.create(e.url()).getPath()
                + " " + e.status()).toList();
        assertThat(seen).contains("HEAD /v2/libpush/cow/blobs/" + Wire.digest(pushed) + " 200");
        assertThat(seen.stream().filter(s -> s.startsWith("PATCH"))).as("only the config is uploaded").hasSize(1);
        HttpResponse<byte[]> image = wire.get("/api/container/libpush/cow:3.0", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(Wire.json(image).path("version").asText()).isEqualTo(Wire.digest(pushed));
    }

    @Test
    @Order(8)
    void pushingBytesTheRegistryHasInAnotherCollection() throws Exception {
        Wire wire = wire();
        LibraryClientReplay client = new LibraryClientReplay(wire, apiToken, wire.origin());
        // the SIF is stored (as lib/big:1.0) but not in copy/big: HEAD says 404 and it is uploaded again
        client.push("someone/copy/big", List.of("1.0"), uploaded, "amd64");
        assertThat(wire.log().stream().filter(e -> e.method().equals("PATCH"))).hasSize(4);
        HttpResponse<byte[]> image = wire.get("/api/container/copy/big:1.0", "Authorization",
                Wire.basic("admin", registry.adminPassword()));
        assertThat(Wire.json(image).path("version").asText()).isEqualTo(Wire.digest(uploaded));
        assertThat(client.pull("copy/big", "1.0", "amd64")).isEqualTo(uploaded);
        assertThat(client.pull("lib/big", "1.0", "amd64")).isEqualTo(uploaded);
    }
}
