package org.sregistry.host.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.sif.SifWriter;

/**
 * The OCI distribution API as the spec words it, over real HTTP: every endpoint, its status codes,
 * headers and error bodies, and the bridge between registry images and OCI tags. Run on SQLite
 * ({@link OciApiIT}) and on PostgreSQL ({@link OciApiOnPostgresIT}).
 */
abstract class OciApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** oras-java's parser of the challenge, verbatim in spirit: no spaces, all three parameters. */
    private static final Pattern ORAS_CHALLENGE = Pattern.compile(
            "Bearer realm=\"([^\"]+)\",service=\"([^\"]+)\",scope=\"([^\"]+)\"(,error=\"([^\"]+)\")?");

    /** The server under test. */
    protected abstract RegistryExtension registry();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + registry().adminPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(registry().server().baseUri().resolve(path)).header("Authorization", basic());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String errorCode(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body()).path("errors").path(0).path("code").asText();
    }

    private String pushBlob(String repo, byte[] bytes) throws Exception {
        String digest = sha256(bytes);
        HttpResponse<byte[]> r = send(req("/v2/" + repo + "/blobs/uploads/?digest=" + digest)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(r.statusCode()).isEqualTo(201);
        return digest;
    }

    private String manifestJson(String configDigest, int configSize, String layerType, String layerDigest, long layerSize,
                                String extra) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + configSize
                + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\"" + layerType + "\",\"size\":"
                + layerSize + ",\"digest\":\"" + layerDigest + "\"}]" + extra + "}";
    }

    private HttpResponse<byte[]> putManifest(String repo, String ref, String json) throws Exception {
        return send(req("/v2/" + repo + "/manifests/" + ref).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void anonymousCallsGetTheBearerChallengeOrasJavaParsesAndTheTokenWorks() throws Exception {
        HttpResponse<byte[]> ping = http.send(HttpRequest.newBuilder(registry().server().baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ping.statusCode()).isEqualTo(401);
        assertThat(ping.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        assertThat(errorCode(ping)).isEqualTo("UNAUTHORIZED");

        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(registry().server().baseUri()
                .resolve("/v2/team/app/manifests/1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        Matcher m = ORAS_CHALLENGE.matcher(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(3)).isEqualTo("repository:team/app:pull");

        // the token endpoint the challenge names, with Basic: a scoped token
        URI realm = URI.create(m.group(1) + "?service=" + m.group(2) + "&scope=repository:team/app:pull,push");
        HttpResponse<byte[]> tokenAnswer = send(HttpRequest.newBuilder(realm).header("Authorization", basic()));
        assertThat(tokenAnswer.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(tokenAnswer.body());
        assertThat(token.path("expires_in").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(token.path("access_token").asText()).isEqualTo(token.path("token").asText());

        String bearer = "Bearer " + token.path("token").asText();
        byte[] blob = "hello".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> upload = http.send(HttpRequest.newBuilder(registry().server().baseUri()
                        .resolve("/v2/team/app/blobs/uploads/?digest=" + sha256(blob))).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(upload.statusCode()).isEqualTo(201);
        // the token is scoped: another repository is refused with insufficient_scope
        HttpResponse<byte[]> other = http.send(HttpRequest.newBuilder(registry().server().baseUri()
                .resolve("/v2/team/other/blobs/" + sha256(blob))).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
        // a forged token is refused
        HttpResponse<byte[]> forged = http.send(HttpRequest.newBuilder(registry().server().baseUri()
                .resolve("/v2/team/app/blobs/" + sha256(blob))).header("Authorization", bearer + "x").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(401);
        // the token endpoint refuses wrong passwords and anonymous callers
        HttpResponse<byte[]> wrong = send(HttpRequest.newBuilder(realm).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8))));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(realm).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        // an API token works directly, no token dance
        String apiToken = registry().adminToken("oci-it");
        HttpResponse<byte[]> direct = http.send(HttpRequest.newBuilder(registry().server().baseUri()
                .resolve("/v2/team/app/blobs/" + sha256(blob))).header("Authorization", "Bearer " + apiToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(blob);
        // and as the password of a Basic login (what `apptainer registry login` stores), at the token endpoint too
        String tokenAsPassword = "Basic " + Base64.getEncoder().encodeToString(("anyone:" + apiToken)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(http.send(HttpRequest.newBuilder(registry().server().baseUri().resolve("/v2/team/app/blobs/"
                + sha256(blob))).header("Authorization", tokenAsPassword).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(realm).header("Authorization", tokenAsPassword)).statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedUploadsFollowTheContentRangeRules() throws Exception {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        HttpResponse<byte[]> start = send(req("/v2/chunks/one/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(start.statusCode()).isEqualTo(202);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/v2/chunks/one/blobs/uploads/");

        HttpResponse<byte[]> first = send(req(location).header("Content-Type", "application/octet-stream")
                .header("Content-Range", "0-99999").method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(blob, 100_000))));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-99999");
        location = first.headers().firstValue("Location").orElseThrow();

        // out of order: 416, and nothing of it is kept
        HttpResponse<byte[]> skipped = send(req(location).header("Content-Range", "200000-299999")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 200_000, 300_000))));
        assertThat(skipped.statusCode()).isEqualTo(416);
        assertThat(errorCode(skipped)).isEqualTo("BLOB_UPLOAD_INVALID");

        HttpResponse<byte[]> status = send(req(location).GET());
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-99999");

        HttpResponse<byte[]> second = send(req(location).header("Content-Range", "100000-199999")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 100_000, 200_000))));
        assertThat(second.statusCode()).isEqualTo(202);
        // the last chunk rides on the PUT
        HttpResponse<byte[]> done = send(req(location + "?digest=" + sha256(blob))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(blob, 200_000, 300_000))));
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(blob));
        assertThat(done.headers().firstValue("Location")).hasValue("/v2/chunks/one/blobs/" + sha256(blob));
        assertThat(send(req(location).GET()).statusCode()).isEqualTo(404); // the session is gone

        HttpResponse<byte[]> read = send(req("/v2/chunks/one/blobs/" + sha256(blob)).GET());
        assertThat(read.body()).isEqualTo(blob);

        // a wrong digest is refused and the session discarded
        HttpResponse<byte[]> again = send(req("/v2/chunks/one/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        String other = again.headers().firstValue("Location").orElseThrow();
        send(req(other).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(blob)));
        HttpResponse<byte[]> mismatch = send(req(other + "?digest=" + sha256(new byte[1])).PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(errorCode(mismatch)).isEqualTo("DIGEST_INVALID");
        assertThat(send(req(other).GET()).statusCode()).isEqualTo(404);
        // a session id that is not one of ours
        assertThat(errorCode(send(req("/v2/chunks/one/blobs/uploads/not-a-session").GET()))).isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void blobsAreServedPerRepositoryWithRangesAndMountedWithoutCopying() throws Exception {
        byte[] blob = new byte[50_000];
        new Random(3).nextBytes(blob);
        String digest = pushBlob("mount/source", blob);

        HttpResponse<byte[]> head = send(req("/v2/mount/source/blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("50000");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);

        HttpResponse<byte[]> range = send(req("/v2/mount/source/blobs/" + digest).header("Range", "bytes=100-199").GET());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/50000");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(blob, 100, 200));
        assertThat(send(req("/v2/mount/source/blobs/" + digest).header("Range", "bytes=60000-").GET()).statusCode())
                .isEqualTo(416);

        // knowing the digest is not enough: another repository does not serve it
        HttpResponse<byte[]> elsewhere = send(req("/v2/mount/target/blobs/" + digest).GET());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(errorCode(elsewhere)).isEqualTo("BLOB_UNKNOWN");

        HttpResponse<byte[]> mounted = send(req("/v2/mount/target/blobs/uploads/?mount=" + digest + "&from=mount/source")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).hasValue("/v2/mount/target/blobs/" + digest);
        assertThat(send(req("/v2/mount/target/blobs/" + digest).GET()).body()).isEqualTo(blob);

        // nothing to mount: an ordinary upload session instead
        HttpResponse<byte[]> notThere = send(req("/v2/mount/target/blobs/uploads/?mount=" + sha256(new byte[2])
                + "&from=mount/source").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(notThere.statusCode()).isEqualTo(202);

        // delete from one repository: the other keeps it
        assertThat(send(req("/v2/mount/source/blobs/" + digest).DELETE()).statusCode()).isEqualTo(202);
        assertThat(send(req("/v2/mount/source/blobs/" + digest).GET()).statusCode()).isEqualTo(404);
        assertThat(send(req("/v2/mount/target/blobs/" + digest).GET()).body()).isEqualTo(blob);
    }

    @Test
    void manifestsAreKeptByteForByteAndNeedTheirBlobs() throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = new byte[1000];
        new Random(5).nextBytes(layer);
        String configDigest = pushBlob("shop/web", config);
        String layerDigest = pushBlob("shop/web", layer);
        // odd spacing on purpose: the bytes, not a re-serialisation, are kept
        String json = manifestJson(configDigest, config.length, "application/vnd.oci.image.layer.v1.tar+gzip",
                layerDigest, layer.length, ",  \"annotations\" : {\"a\":\"b\"}");
        HttpResponse<byte[]> put = putManifest("shop/web", "v1", json);
        assertThat(put.statusCode()).isEqualTo(201);
        String digest = sha256(json.getBytes(StandardCharsets.UTF_8));
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        assertThat(put.headers().firstValue("Location")).hasValue("/v2/shop/web/manifests/" + digest);

        for (String ref : List.of("v1", digest)) {
            HttpResponse<byte[]> get = send(req("/v2/shop/web/manifests/" + ref).GET());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo(json);
            assertThat(get.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.manifest.v1+json");
            assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
            HttpResponse<byte[]> head = send(req("/v2/shop/web/manifests/" + ref).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(json.length()));
        }
        // a manifest naming a blob the repository lacks
        HttpResponse<byte[]> missing = putManifest("shop/web", "v2", manifestJson(configDigest, config.length,
                "application/vnd.oci.image.layer.v1.tar", sha256(new byte[9]), 9, ""));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorCode(missing)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        // pushed by digest: the digest must be the bytes'
        HttpResponse<byte[]> wrongDigest = putManifest("shop/web", sha256(new byte[3]), json);
        assertThat(errorCode(wrongDigest)).isEqualTo("DIGEST_INVALID");
        // not JSON, schema 1, too large
        assertThat(errorCode(putManifest("shop/web", "bad", "not json"))).isEqualTo("MANIFEST_INVALID");
        HttpResponse<byte[]> schema1 = send(req("/v2/shop/web/manifests/old")
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"schemaVersion\":1}")));
        assertThat(schema1.statusCode()).isEqualTo(415);
        byte[] huge = new byte[(4 << 20) + 10];
        Arrays.fill(huge, (byte) ' ');
        HttpResponse<byte[]> tooLarge = send(req("/v2/shop/web/manifests/huge").header("Content-Type",
                "application/vnd.oci.image.manifest.v1+json").PUT(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(errorCode(tooLarge)).isEqualTo("SIZE_INVALID");
        // bad names and tags
        assertThat(errorCode(send(req("/v2/Shop/web/manifests/v1").GET()))).isEqualTo("NAME_INVALID");
        assertThat(send(req("/v2/shop/web/manifests/-bad").GET()).statusCode()).isEqualTo(400);
        assertThat(errorCode(send(req("/v2/shop/web/blobs/sha256:abc").GET()))).isEqualTo("DIGEST_INVALID");
        assertThat(send(req("/v2/shop/web/manifests/v1").method("PATCH", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(405);

        // delete the tag, then by digest
        assertThat(send(req("/v2/shop/web/manifests/v1").DELETE()).statusCode()).isEqualTo(202);
        assertThat(send(req("/v2/shop/web/manifests/v1").GET()).statusCode()).isEqualTo(404);
        assertThat(send(req("/v2/shop/web/manifests/" + digest).GET()).statusCode()).isEqualTo(200);
        assertThat(send(req("/v2/shop/web/manifests/" + digest).DELETE()).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> gone = send(req("/v2/shop/web/manifests/" + digest).GET());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(errorCode(gone)).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void tagsAndCatalogPageWithLinkHeaders() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob("paging/repo", config);
        String layerDigest = pushBlob("paging/repo", layer);
        String json = manifestJson(configDigest, 2, "application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length, "");
        for (String tag : List.of("c", "a", "B", "b")) {
            assertThat(putManifest("paging/repo", tag, json).statusCode()).isEqualTo(201);
        }
        JsonNode all = JSON.readTree(send(req("/v2/paging/repo/tags/list").GET()).body());
        assertThat(all.path("name").asText()).isEqualTo("paging/repo");
        assertThat(all.path("tags").toString()).isEqualTo("[\"B\",\"a\",\"b\",\"c\"]");

        HttpResponse<byte[]> page = send(req("/v2/paging/repo/tags/list?n=2").GET());
        assertThat(JSON.readTree(page.body()).path("tags").toString()).isEqualTo("[\"B\",\"a\"]");
        String link = page.headers().firstValue("Link").orElseThrow();
        assertThat(link).isEqualTo("</v2/paging/repo/tags/list?n=2&last=a>; rel=\"next\"");
        HttpResponse<byte[]> next = send(req(link.substring(1, link.indexOf('>'))).GET());
        assertThat(JSON.readTree(next.body()).path("tags").toString()).isEqualTo("[\"b\",\"c\"]");

        HttpResponse<byte[]> none = send(req("/v2/paging/repo/tags/list?n=0").GET());
        assertThat(JSON.readTree(none.body()).path("tags").size()).isZero();
        assertThat(none.headers().firstValue("Link")).isEmpty();
        assertThat(send(req("/v2/paging/repo/tags/list?n=x").GET()).statusCode()).isEqualTo(400);
        assertThat(errorCode(send(req("/v2/paging/nothing/tags/list").GET()))).isEqualTo("NAME_UNKNOWN");

        JsonNode catalog = JSON.readTree(send(req("/v2/_catalog?n=1").GET()).body());
        assertThat(catalog.path("repositories").size()).isEqualTo(1);
        assertThat(JSON.readTree(send(req("/v2/_catalog").GET()).body()).path("repositories").toString())
                .contains("\"paging/repo\"");
    }

    @Test
    void referrersListManifestsWithASubjectAndFilterByArtifactType() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "signed".getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob("refs/app", config);
        String layerDigest = pushBlob("refs/app", layer);
        String subjectJson = manifestJson(configDigest, 2, "application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length, "");
        String subject = sha256(subjectJson.getBytes(StandardCharsets.UTF_8));
        putManifest("refs/app", "1.0", subjectJson);

        String signature = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.example.signature\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/octet-stream\",\"size\":" + layer.length + ",\"digest\":\"" + layerDigest + "\"}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + subjectJson.length()
                + ",\"digest\":\"" + subject + "\"},\"annotations\":{\"who\":\"ci\"}}";
        HttpResponse<byte[]> put = putManifest("refs/app", sha256(signature.getBytes(StandardCharsets.UTF_8)), signature);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subject);

        HttpResponse<byte[]> referrers = send(req("/v2/refs/app/referrers/" + subject).GET());
        assertThat(referrers.statusCode()).isEqualTo(200);
        assertThat(referrers.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
        JsonNode index = JSON.readTree(referrers.body());
        assertThat(index.path("manifests").size()).isEqualTo(1);
        assertThat(index.path("manifests").path(0).path("artifactType").asText()).isEqualTo("application/vnd.example.signature");
        assertThat(index.path("manifests").path(0).path("annotations").path("who").asText()).isEqualTo("ci");

        HttpResponse<byte[]> filtered = send(req("/v2/refs/app/referrers/" + subject + "?artifactType=application/other").GET());
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        assertThat(JSON.readTree(filtered.body()).path("manifests").size()).isZero();
        // a subject nobody refers to: an empty index, never 404
        HttpResponse<byte[]> empty = send(req("/v2/refs/app/referrers/" + sha256(new byte[4])).GET());
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(empty.body()).path("manifests").size()).isZero();
    }

    @Test
    void aSifPushedOverOciIsARegistryImageAndEveryRegistryImageIsPullable() throws Exception {
        Path sif = work.resolve("tool.sif");
        SifWriter.write(sif, "tool".repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] sifBytes = Files.readAllBytes(sif);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob("lab/tool", sifBytes);
        String configDigest = pushBlob("lab/tool", config);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.sylabs.sif.config.v1+json\",\"size\":2,\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.sylabs.sif.layer.v1.sif\",\"size\":" + sifBytes.length
                + ",\"digest\":\"" + layerDigest + "\",\"annotations\":{\"org.opencontainers.image.title\":\"tool.sif\"}}]}";
        assertThat(putManifest("lab/tool", "1.0", json).statusCode()).isEqualTo(201);

        // a registry image, with its SIF facts, on the REST API
        JsonNode image = JSON.readTree(send(req("/api/container/lab/tool:1.0").GET()).body());
        assertThat(image.path("version").asText()).isEqualTo(layerDigest);
        assertThat(image.path("file_info").path("format").asText()).isEqualTo("sif");
        assertThat(new String(send(req("/v2/lab/tool/manifests/1.0").GET()).body(), StandardCharsets.UTF_8)).isEqualTo(json);

        // an image uploaded through the REST API: pullable at once, same manifest every time
        Path other = work.resolve("rest.sif");
        SifWriter.write(other, "rest".repeat(500).getBytes(StandardCharsets.UTF_8));
        assertThat(send(req("/api/containers/lab/rest:2.0").PUT(HttpRequest.BodyPublishers.ofFile(other))).statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> first = send(req("/v2/lab/rest/manifests/2.0").GET());
        HttpResponse<byte[]> second = send(req("/v2/lab/rest/manifests/2.0").GET());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(first.body()));
        JsonNode manifest = JSON.readTree(first.body());
        assertThat(manifest.path("layers").size()).isEqualTo(1);
        assertThat(manifest.path("layers").path(0).path("mediaType").asText()).isEqualTo("application/vnd.sylabs.sif.layer.v1.sif");
        String restLayer = manifest.path("layers").path(0).path("digest").asText();
        assertThat(send(req("/v2/lab/rest/blobs/" + restLayer).GET()).body()).isEqualTo(Files.readAllBytes(other));
        String configOfRest = manifest.path("config").path("digest").asText();
        assertThat(send(req("/v2/lab/rest/blobs/" + configOfRest).GET()).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send(req("/v2/lab/rest/tags/list").GET()).body()).path("tags").toString()).isEqualTo("[\"2.0\"]");

        // deleting through either API deletes for both
        assertThat(send(req("/api/container/lab/rest:2.0").DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(req("/v2/lab/rest/manifests/2.0").GET()).statusCode()).isEqualTo(404);
        assertThat(send(req("/v2/lab/rest/manifests/" + sha256(first.body())).GET()).statusCode()).isEqualTo(404);
        assertThat(send(req("/v2/lab/tool/manifests/1.0").DELETE()).statusCode()).isEqualTo(202);
        assertThat(send(req("/api/container/lab/tool:1.0").GET()).statusCode()).isEqualTo(404);

        // a container image pushed to the same name replaces the SIF image (one tag, one thing)
        assertThat(putManifest("lab/tool", "1.0", json).statusCode()).isEqualTo(201);
        String notSif = manifestJson(configDigest, 2, "application/vnd.oci.image.layer.v1.tar", layerDigest,
                sifBytes.length, "");
        assertThat(putManifest("lab/tool", "1.0", notSif).statusCode()).isEqualTo(201);
        assertThat(send(req("/api/container/lab/tool:1.0").GET()).statusCode()).isEqualTo(404);
        assertThat(new String(send(req("/v2/lab/tool/manifests/1.0").GET()).body(), StandardCharsets.UTF_8)).isEqualTo(notSif);
    }

    @Test
    void aSifLayerThatIsNotASifIsRefusedWithAClearError() throws Exception {
        byte[] fake = "not a sif at all".getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob("lab/fake", fake);
        String configDigest = pushBlob("lab/fake", "{}".getBytes(StandardCharsets.UTF_8));
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.sylabs.sif.config.v1+json\",\"size\":2,"
                + "\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":\"application/vnd.sylabs.sif.layer.v1.sif\","
                + "\"size\":" + fake.length + ",\"digest\":\"" + layerDigest + "\"}]}";
        HttpResponse<byte[]> put = putManifest("lab/fake", "1", json);
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(errorCode(put)).isEqualTo("MANIFEST_INVALID");
        assertThat(new String(put.body(), StandardCharsets.UTF_8)).contains("not a SIF image");
        assertThat(send(req("/v2/lab/fake/manifests/1").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void tokensDieWithTheApiTokenTheyWereMadeFromAndGrantOnlyWhatTheyName() throws Exception {
        String apiToken = registry().adminToken("short-lived");
        URI realm = registry().server().baseUri().resolve("/v2/token?service=x&scope=repository:rev/app:pull,push");
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(realm).header("Authorization", "Bearer " + apiToken));
        String bearer = "Bearer " + JSON.readTree(answer.body()).path("token").asText();
        HttpRequest.Builder use = HttpRequest.newBuilder(registry().server().baseUri().resolve("/v2/rev/app/tags/list"))
                .header("Authorization", bearer);
        assertThat(send(use).statusCode()).isEqualTo(404); // allowed (and the repository is empty)
        // a repository-scoped token does not list the catalog
        HttpResponse<byte[]> catalog = send(HttpRequest.newBuilder(registry().server().baseUri().resolve("/v2/_catalog"))
                .header("Authorization", bearer));
        assertThat(catalog.statusCode()).isEqualTo(401);
        assertThat(catalog.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"registry:catalog:*\"");

        registry().revokeAdminToken("short-lived");
        HttpResponse<byte[]> after = send(use);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void brokenChunksAndInUseDeletesAreRefusedWithTheSpecsCodes() throws Exception {
        HttpResponse<byte[]> start = send(req("/v2/strict/one/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()));
        String location = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<byte[]> overflow = send(req(location).header("Content-Range", "0-99999999999999999999")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("abc")));
        assertThat(overflow.statusCode()).isEqualTo(416);
        assertThat(errorCode(overflow)).isEqualTo("BLOB_UPLOAD_INVALID");
        // a chunk longer than its Content-Range says, sent without a Content-Length (chunked encoding)
        HttpResponse<byte[]> longer = send(req(location).header("Content-Range", "0-1").method("PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[8]))));
        assertThat(longer.statusCode()).isEqualTo(416);
        HttpResponse<byte[]> status = send(req(location).GET());
        assertThat(status.headers().firstValue("Range")).hasValue("0-0"); // nothing of it was kept
        assertThat(send(req("/v2/strict/one/manifests/x").method("PATCH", HttpRequest.BodyPublishers.noBody()))
                .headers().firstValue("Allow")).hasValue("GET, HEAD, PUT, DELETE");

        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "in use".getBytes(StandardCharsets.UTF_8);
        String configDigest = pushBlob("strict/one", config);
        String layerDigest = pushBlob("strict/one", layer);
        String json = manifestJson(configDigest, 2, "application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length, "");
        assertThat(putManifest("strict/one", "1", json).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> inUse = send(req("/v2/strict/one/blobs/" + layerDigest).DELETE());
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(errorCode(inUse)).isEqualTo("DENIED");
        assertThat(send(req("/v2/strict/one/blobs/" + layerDigest).GET()).statusCode()).isEqualTo(200);

        // an index's child cannot be deleted from under it
        String child = sha256(json.getBytes(StandardCharsets.UTF_8));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + json.length()
                + ",\"digest\":\"" + child + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
        assertThat(send(req("/v2/strict/one/manifests/multi").header("Content-Type", "application/vnd.oci.image.index.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(index))).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> childDelete = send(req("/v2/strict/one/manifests/" + child).DELETE());
        assertThat(childDelete.statusCode()).isEqualTo(409);
        assertThat(send(req("/v2/strict/one/manifests/multi").GET()).statusCode()).isEqualTo(200);

        // strict JSON: trailing bytes, duplicate keys, fractional sizes
        assertThat(errorCode(putManifest("strict/one", "2", json + " xxx"))).isEqualTo("MANIFEST_INVALID");
        assertThat(errorCode(putManifest("strict/one", "2", "{\"schemaVersion\":2,\"schemaVersion\":1}")))
                .isEqualTo("MANIFEST_INVALID");
        assertThat(errorCode(putManifest("strict/one", "2", json.replace("\"size\":2", "\"size\":1.5"))))
                .isEqualTo("MANIFEST_INVALID");
    }
}
