package org.sregistry.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.ImageInfo;
import org.sregistry.registry.TestFiles;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.ImagePolicy;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.sif.SifWriter;

@org.junit.jupiter.api.Timeout(60)
class ContainersResourceTest {
    private static final long MAX = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private Database db;
    private TestServer server;
    // HTTP/1.1: the JDK 17 client's h2c upgrade does not mix with "Expect: 100-continue".
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabases.open(dataDir);
        // the API's semantics with any bytes; the refusal of non-images has its own test below
        server = new TestServer(new JdbcRegistryService(db, dataDir, Clock.systemUTC(), MAX, ImagePolicy.anyFile()), MAX);
    }

    @Test
    void anUploadThatIsNotAnImageIsA415NamingTheProblem() throws Exception {
        try (TestServer strict = new TestServer(new JdbcRegistryService(db, dataDir, Clock.systemUTC(), MAX), MAX)) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(strict.base().resolve("api/containers/demo/notes:v1"))
                    .PUT(HttpRequest.BodyPublishers.ofString("just some notes\n")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(json(response).get("error").asText()).isEqualTo("unsupported_image");
            assertThat(json(response).get("message").asText()).contains("not a container image", "demo/notes:v1");
            assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) { // null when the database was not available (skipped)
            db.close();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(server.base().resolve(path)).timeout(java.time.Duration.ofSeconds(20));
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> put(String path, byte[] body) throws Exception {
        return send(at(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void uploadListInspectDownload() throws Exception {
        Path sif = work.resolve("lolcow.sif");
        SifWriter.write(sif, TestFiles.bytes(100_000, 1));
        byte[] bytes = Files.readAllBytes(sif);
        String digest = TestFiles.sha256(bytes);

        HttpResponse<byte[]> created = send(at("api/containers/demo/lolcow:latest")
                .PUT(HttpRequest.BodyPublishers.ofFile(sif)));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(v -> v.endsWith("/api/container/demo/lolcow:latest"));
        JsonNode image = json(created);
        assertThat(image.get("uri").asText()).isEqualTo("demo/lolcow:latest@" + digest);
        assertThat(image.get("version").asText()).isEqualTo(digest);
        assertThat(image.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(image.get("file_info").get("sif.arch").asText()).isEqualTo("amd64");
        assertThat(image.get("created_at").asText()).endsWith("Z");
        assertThat(image.fieldNames()).toIterable().contains("collection", "name", "tag", "updated_at", "metadata");

        HttpResponse<byte[]> replaced = put("api/containers/demo/lolcow:latest", bytes);
        assertThat(replaced.statusCode()).as("same name again: replaced").isEqualTo(200);
        assertThat(put("api/containers/demo/lolcow:latest?replace=false", bytes).statusCode()).isEqualTo(409);
        assertThat(put("api/containers/demo/other", TestFiles.bytes(10, 2)).statusCode()).isEqualTo(201);

        JsonNode list = json(send(at("api/containers?q=lolcow&limit=10&sort=name")));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("limit").asInt()).isEqualTo(10);
        assertThat(list.get("offset").asInt()).isZero();
        assertThat(list.get("items").get(0).get("uri").asText()).isEqualTo("demo/lolcow:latest@" + digest);
        assertThat(json(send(at("api/containers"))).get("total").asLong()).isEqualTo(2);

        JsonNode inspected = json(send(at("api/container/demo/lolcow:latest@" + digest)));
        assertThat(inspected.get("uri").asText()).isEqualTo(image.get("uri").asText());
        assertThat(json(send(at("api/container/lolcow"))).get("uri").asText()).as("name only").isEqualTo(image.get("uri").asText());

        HttpResponse<byte[]> download = send(at("api/container/demo/lolcow:latest/download"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(TestFiles.sha256(download.body())).isEqualTo(digest);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> v.contains("lolcow_latest.sif"));

        HttpResponse<byte[]> delete = send(at("api/container/demo/lolcow:latest").DELETE());
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(send(at("api/container/demo/lolcow:latest").DELETE()).statusCode()).isEqualTo(404);
        assertThat(send(at("api/container/demo/lolcow:latest/download")).statusCode()).isEqualTo(404);
    }

    @Test
    void rangesAndConditionalRequests() throws Exception {
        byte[] bytes = TestFiles.bytes(10_000, 3);
        String digest = TestFiles.sha256(bytes);
        assertThat(put("api/containers/demo/r:1", bytes).statusCode()).isEqualTo(201);
        String path = "api/container/demo/r:1/download";

        HttpResponse<byte[]> middle = send(at(path).header("Range", "bytes=100-199"));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-199/10000");
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(100);

        // HEAD: the same headers, no body, and the file is not read
        HttpResponse<byte[]> head = send(at(path).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(10_000);
        assertThat(head.headers().firstValue("ETag")).hasValue("\"" + digest + "\"");
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> tail = send(at(path).header("Range", "bytes=9990-"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, 9990, 10_000));

        HttpResponse<byte[]> suffix = send(at(path).header("Range", "bytes=-5"));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, 9995, 10_000));
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 9995-9999/10000");

        HttpResponse<byte[]> beyond = send(at(path).header("Range", "bytes=10000-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10000");
        assertThat(json(beyond).get("error").asText()).isEqualTo("range_not_satisfiable");
        // not understood (other unit, bad syntax, last < first): ignored, the whole file (RFC 9110)
        for (String ignored : new String[] {"items=0-1", "bytes=5-3", "bytes=abc"}) {
            HttpResponse<byte[]> whole = send(at(path).header("Range", ignored));
            assertThat(whole.statusCode()).as(ignored).isEqualTo(200);
            assertThat(whole.body()).as(ignored).isEqualTo(bytes);
        }
        HttpResponse<byte[]> huge = send(at(path).header("Range", "bytes=0-99999999999999999999"));
        assertThat(huge.statusCode()).as("a last-pos past any file means the end").isEqualTo(206);
        assertThat(huge.headers().firstValue("Content-Range")).hasValue("bytes 0-9999/10000");
        assertThat(huge.body()).isEqualTo(bytes);

        HttpResponse<byte[]> notModified = send(at(path).header("If-None-Match", "\"" + digest + "\""));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(send(at(path).header("If-None-Match", "\"sha256:other\"")).statusCode()).isEqualTo(200);
        // a Range with a stale If-Range gets the whole (new) file
        HttpResponse<byte[]> staleIfRange = send(at(path).header("Range", "bytes=0-9").header("If-Range", "\"sha256:old\""));
        assertThat(staleIfRange.statusCode()).isEqualTo(200);
        assertThat(staleIfRange.body()).hasSize(10_000);
    }

    @Test
    void errorsAreJson() throws Exception {
        HttpResponse<byte[]> missing = send(at("api/container/demo/nothing:here"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/json"));
        assertThat(json(missing).get("error").asText()).isEqualTo("not_found");
        assertThat(json(missing).get("message").asText()).contains("demo/nothing:here");

        for (String bad : new String[] {"api/containers/Demo/x:latest", "api/containers/demo/x:L",
                "api/containers/demo/%2e%2e:latest", "api/containers/demo/" + enc("lolcöw") + ":latest",
                "api/containers/demo/" + "x".repeat(4096) + ":latest"}) {
            HttpResponse<byte[]> response = put(bad, new byte[] {1});
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("invalid_name");
        }
        HttpResponse<byte[]> badGet = send(at("api/container/demo/..x"));
        assertThat(badGet.statusCode()).isEqualTo(400);
        assertThat(json(badGet).get("message").asText()).contains("'..'");
        assertThat(json(send(at("api/container/a/b/c"))).get("message").asText()).contains("more than one '/'");
        // "../x" itself never reaches the resource: Jetty refuses an encoded "/" or ".." segment with 400
        assertThat(send(at("api/container/" + enc("../x"))).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> badSort = send(at("api/containers?sort=color"));
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertThat(json(badSort).get("error").asText()).isEqualTo("bad_request");
        assertThat(send(at("api/containers?limit=5000")).statusCode()).isEqualTo(400);

        // (over the limit announced by Content-Length: see announcedTooLargeIsRefusedWithoutAskingForTheBody)
        // over the limit without Content-Length (streamed): refused when the limit is crossed
        HttpResponse<byte[]> streamed = send(at("api/containers/demo/big:latest")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[(int) MAX + 1]))));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
        assertThat(json(send(at("api/containers"))).get("total").asLong()).isZero();
    }

    @Test
    void announcedTooLargeIsRefusedWithoutAskingForTheBody() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(server.base().getHost(), server.base().getPort())) {
            socket.setSoTimeout(10_000);
            String request = "PUT /api/containers/demo/big:latest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + (MAX + 1) + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // no "100 Continue" first (that would make the client send it all), and the connection closes
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413 ");
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("\r\nconnection: close\r\n")
                    .contains("\"too_large\"");
        }
        assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
    }

    @Test
    void concurrentUploadsWithReplaceFalseHaveOneWinner() throws Exception {
        int uploads = 4;
        // Each body starts only when every request is under way, so all reach the server before any
        // upload can finish: a check made apart from the add would let them all through.
        CountDownLatch allStarted = new CountDownLatch(uploads);
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            byte[] content = TestFiles.bytes(100_000, 30 + i);
            contents.add(content);
            HttpRequest request = at("api/containers/race/new:latest?replace=false")
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        allStarted.countDown();
                        try {
                            allStarted.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new ByteArrayInputStream(content);
                    })).build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<byte[]>> r : responses) {
            HttpResponse<byte[]> response = r.get(30, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                assertThat(json(response).get("error").asText()).isEqualTo("exists");
            }
        }
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);

        HttpResponse<byte[]> download = send(at("api/container/race/new:latest/download"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(contents).anySatisfy(c -> assertThat(c).isEqualTo(download.body()));
        assertThat(TestFiles.filesUnderImages(dataDir)).as("the refused uploads left nothing").isEqualTo(1);
    }

    @Test
    void aDownloadSurvivesADeleteOrReplaceAfterItsLookup() throws Exception {
        JdbcRegistryService registry = new JdbcRegistryService(db, dataDir, Clock.systemUTC(), MAX, ImagePolicy.anyFile());
        ContainersResource resource = new ContainersResource(registry, MAX);
        byte[] first = TestFiles.bytes(5000, 40);
        byte[] second = TestFiles.bytes(6000, 41);
        String uri = "demo/gone:latest";

        // deleted after the response was built, before its bytes are written: the open file still reads
        registry.add(new ByteArrayInputStream(first), uri, Map.of());
        Response response = resource.download(uri, registry.get(uri).orElseThrow(), null, null, null);
        assertThat(registry.remove(uri)).isTrue();
        assertThat(body(response)).isEqualTo(first);

        // deleted between the lookup and the open: 404, not 500
        ImageInfo stale = registry.add(new ByteArrayInputStream(first), uri, Map.of());
        registry.remove(uri);
        assertThatThrownBy(() -> resource.download(uri, stale, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

        // replaced between the lookup and the open: the new image
        ImageInfo old = registry.add(new ByteArrayInputStream(first), uri, Map.of());
        registry.add(new ByteArrayInputStream(second), uri, Map.of());
        assertThat(registry.blobFile(old)).doesNotExist();
        Response replaced = resource.download(uri, old, null, null, null);
        assertThat(replaced.getStatus()).isEqualTo(200);
        assertThat(replaced.getHeaderString("ETag")).isEqualTo("\"" + TestFiles.sha256(second) + "\"");
        assertThat(body(replaced)).isEqualTo(second);
    }

    private static byte[] body(Response response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        return out.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void uriWithVersionAndDownloadSuffixAreRoutedApart() throws Exception {
        byte[] bytes = TestFiles.bytes(1000, 4);
        put("api/containers/x/download:latest", bytes);
        String digest = TestFiles.sha256(bytes);
        assertThat(json(send(at("api/container/x/download:latest"))).get("version").asText()).isEqualTo(digest);
        HttpResponse<byte[]> d = send(at("api/container/x/download:latest@" + digest + "/download"));
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(d.body()).isEqualTo(bytes);
        assertThat(URI.create("x").isAbsolute()).isFalse();
    }
}
