package org.sregistry.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.TestFiles;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.ImagePolicy;
import org.sregistry.registry.images.JdbcRegistryService;

/**
 * Downloads large enough for the servlet path past Jersey's stream (FileBody, FileSender's
 * mappings), through a real Jetty + Jersey server: whole, ranges on either side of the part that
 * goes through Jersey, and HEAD.
 */
@org.junit.jupiter.api.Timeout(60)
class LargeDownloadTest {
    private static final int SIZE = 5 * 1024 * 1024 + 123;

    @TempDir
    Path dataDir;

    private Database db;
    private TestServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        db = TestDatabases.open(dataDir);
        server = new TestServer(new JdbcRegistryService(db, dataDir, Clock.systemUTC(), SIZE, ImagePolicy.anyFile()), SIZE);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void wholeRangesAndHead() throws Exception {
        byte[] bytes = TestFiles.bytes(SIZE, 7);
        assertThat(send(request("api/containers/demo/big:v1").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)))
                .statusCode()).isEqualTo(201);
        String path = "api/container/demo/big:v1/download";

        for (int i = 0; i < 2; i++) { // the second on the same connection: the first left it clean
            HttpResponse<byte[]> whole = send(request(path));
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            assertThat(whole.body()).isEqualTo(bytes);
        }

        int[][] ranges = {{0, 65_535}, {0, 65_536}, {1000, 1_100_000}, {70_000, 4_000_000}, {SIZE - 2_000_000, SIZE - 1}};
        for (int[] r : ranges) {
            HttpResponse<byte[]> part = send(request(path).header("Range", "bytes=" + r[0] + "-" + r[1]));
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValueAsLong("Content-Length")).hasValue(r[1] - r[0] + 1);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes " + r[0] + "-" + r[1] + "/" + SIZE);
            assertThat(part.body()).as("bytes %d-%d", r[0], r[1]).isEqualTo(Arrays.copyOfRange(bytes, r[0], r[1] + 1));
        }

        HttpResponse<byte[]> head = send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(head.body()).isEmpty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.base().resolve(path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
