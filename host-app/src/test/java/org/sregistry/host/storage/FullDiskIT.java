package org.sregistry.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.host.testkit.Tmpfs;

/**
 * A real full disk: the images folder and the sample plugin's data folder are small tmpfs mounts,
 * filled with a file, so writes fail with the kernel's own ENOSPC (and EROFS after a read-only
 * remount). What the user sees: 507 naming the folder and its free space (JSON for scripts, HTML
 * for the browser), nothing half added, the same upload working once space is freed, and
 * {@code /health} saying DEGRADED below {@code REGISTRY_MIN_FREE_BYTES}.
 */
class FullDiskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1 << 20;
    private static final long FLOOR = 2 * MIB;

    private static Path dataDir;
    private static Tmpfs images;
    private static Tmpfs pluginData;
    private static RegistryExtension registry;
    private static int imagesBefore;

    @BeforeAll
    static void mountSmallDisksAndStart() throws Exception {
        Tmpfs.assumeMountable();
        dataDir = Files.createTempDirectory("registry-full-disk");
        images = Tmpfs.mount(dataDir.resolve("images"), 16 * MIB);
        pluginData = Tmpfs.mount(dataDir.resolve("plugin-data").resolve("sample"), MIB);
        registry = RegistryExtension.builder().dataDir(dataDir).plugin(TestPlugins.sample()).enable("sample")
                .config("REGISTRY_MIN_FREE_BYTES", "2MiB") // in the file, so the settings page can change it
                .config("REGISTRY_ANY_FILE_COLLECTIONS", "*") // exact sizes matter here, not formats
                .start();
        assertThat(upload("demo/baseline:1", bytes(MIB, 1), true).statusCode()).isEqualTo(201);
        imagesBefore = total();
    }

    @AfterAll
    static void stopAndUnmount() throws IOException {
        if (registry != null) {
            registry.close();
        }
        for (Tmpfs disk : new Tmpfs[] {images, pluginData}) {
            if (disk != null) {
                disk.close();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void makeRoomAgain() throws IOException {
        if (images != null) {
            images.readOnly(false);
            images.unfill();
            pluginData.unfill();
        }
    }

    @Test
    void aStreamedUploadThatFillsTheDiskIs507NamingTheFolderAndLeavesNothing() throws Exception {
        images.fillLeaving(MIB);
        List<Path> blobsBefore = blobFiles();
        byte[] image = bytes(3 * MIB, 2);

        HttpResponse<String> full = upload("demo/big:1", image, false); // chunked: no Content-Length to check first
        assertThat(full.statusCode()).isEqualTo(507);
        JsonNode body = JSON.readTree(full.body());
        assertThat(body.get("error").asText()).isEqualTo("insufficient_storage");
        assertThat(body.get("folder").asText()).isEqualTo(images.dir().toString());
        assertThat(body.get("message").asText()).contains(images.dir().toString(), "free");
        // the partial upload was removed before measuring: what is free is what was free before it
        assertThat(body.get("free_bytes").asLong()).isBetween(images.free() - 64 * 1024, images.free() + 64 * 1024)
                .isBetween(MIB / 2, 2 * MIB);
        assertThat(full.body()).doesNotContain("Exception", "internal error");

        assertThat(total()).isEqualTo(imagesBefore);
        assertThat(registry.admin().get("/api/container/demo/big:1").statusCode()).isEqualTo(404);
        assertThat(tempFiles()).isEmpty();
        assertThat(blobFiles()).isEqualTo(blobsBefore);

        images.unfill();
        HttpResponse<String> again = upload("demo/big:1", image, false);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(total()).isEqualTo(imagesBefore + 1);
        assertThat(remove("/api/container/demo/big:1")).isEqualTo(204);
    }

    @Test
    void anAnnouncedUploadThatWouldNotFitIs507BeforeItsBodyIsRead() throws Exception {
        images.fillLeaving(6 * MIB); // 6 MiB free, floor 2 MiB: 4 MiB fit, 5 MiB do not
        byte[] image = bytes(5 * MIB, 3);
        String auth = Base64.getEncoder().encodeToString(("admin:" + registry.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket(registry.server().baseUri().getHost(), registry.server().baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/containers/demo/announced:1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + image.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(image, 0, 64 * 1024); // the first 64 KiB; the other 4.9 MiB stay with us
            out.flush();
            // A server reading the body would wait for the rest and this read would time out.
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 507 ");
            assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n");
            JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(body.get("error").asText()).isEqualTo("insufficient_storage");
            assertThat(body.get("folder").asText()).isEqualTo(images.dir().toString());
            assertThat(body.get("needed_bytes").asLong()).isEqualTo(image.length);
            assertThat(body.get("min_free_bytes").asLong()).isEqualTo(FLOOR);
            assertThat(body.get("free_bytes").asLong()).isBetween(5 * MIB + MIB / 2, 6 * MIB + MIB / 2);
            assertThat(body.get("message").asText()).contains(images.dir().toString(), "5.0 MiB needed", "2.0 MiB kept free");
        }
        assertThat(total()).isEqualTo(imagesBefore);
        assertThat(tempFiles()).isEmpty();

        HttpResponse<String> fits = upload("demo/announced:1", bytes(4 * MIB - 256 * 1024, 4), true);
        assertThat(fits.statusCode()).isEqualTo(201);
        assertThat(remove("/api/container/demo/announced:1")).isEqualTo(204);
        images.unfill();
        assertThat(upload("demo/announced:1", image, true).statusCode()).isEqualTo(201);
        assertThat(remove("/api/container/demo/announced:1")).isEqualTo(204);
    }

    @Test
    void aPluginStagingOnAFullDiskGivesTheBrowserAnHtml507AndScriptsJson() throws Exception {
        pluginData.fillLeaving(256 * 1024);
        Path staging = pluginData.dir().resolve("staging");
        String bytes = Long.toString(MIB);

        HttpResponse<String> page = registry.browser().form("/sample/stage", Map.of("bytes", bytes));
        assertThat(page.statusCode()).isEqualTo(507);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<html", "507", "insufficient storage", staging.toString(), "KiB free")
                .doesNotContain("Exception", "at org.");

        RegistryClient admin = registry.admin();
        HttpResponse<String> api = admin.send(admin.request("/api/sample/stage?bytes=" + bytes)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(api.statusCode()).isEqualTo(507);
        JsonNode body = JSON.readTree(api.body());
        assertThat(body.get("error").asText()).isEqualTo("insufficient_storage");
        assertThat(body.get("folder").asText()).isEqualTo(staging.toString());
        assertThat(body.get("needed_bytes").asLong()).isEqualTo(MIB);
        try (Stream<Path> staged = Files.list(staging)) {
            assertThat(staged).isEmpty(); // the partial file went
        }

        pluginData.unfill();
        assertThat(registry.browser().form("/sample/stage", Map.of("bytes", bytes)).statusCode()).isEqualTo(200);
    }

    @Test
    void aReadOnlyImagesFolderIsNamedNotAnInternalError() throws Exception {
        images.readOnly(true);
        HttpResponse<String> refused = upload("demo/locked:1", bytes(100_000, 5), true);
        assertThat(refused.statusCode()).isEqualTo(507);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("error").asText()).isEqualTo("folder_not_writable");
        assertThat(body.get("folder").asText()).isEqualTo(images.dir().toString());
        assertThat(body.get("message").asText()).contains(images.dir().toString(), "Read-only file system");

        JsonNode health = JSON.readTree(registry.anonymous().get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("reasons").toString()).contains("the images folder is not writable")
                .doesNotContain(dataDir.toString()); // anonymous readers learn no server paths

        images.readOnly(false);
        assertThat(upload("demo/locked:1", bytes(100_000, 5), true).statusCode()).isEqualTo(201);
        assertThat(total()).isEqualTo(imagesBefore + 1);
        assertThat(remove("/api/container/demo/locked:1")).isEqualTo(204);
    }

    @Test
    void healthIsDegradedBelowTheFloorAndUpAboveIt() throws Exception {
        HttpResponse<String> up = registry.anonymous().get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");

        images.fillLeaving(MIB);
        HttpResponse<String> degraded = registry.anonymous().get("/health");
        assertThat(degraded.statusCode()).isEqualTo(200); // load balancers keep the node
        JsonNode health = JSON.readTree(degraded.body());
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("database").asText()).isEqualTo("UP");
        assertThat(health.get("reasons")).hasSize(1);
        assertThat(health.get("reasons").get(0).asText()).contains("the images folder", "below the minimum of 2.0 MiB");
        assertThat(degraded.body()).doesNotContain(dataDir.toString()).doesNotContain("\"version\"");
        JsonNode folder = imagesEntry(health);
        assertThat(folder.get("status").asText()).isEqualTo("LOW");
        assertThat(folder.get("free_bytes").asLong()).isBetween(MIB / 2, FLOOR - 1);
        assertThat(folder.get("min_free_bytes").asLong()).isEqualTo(FLOOR);
        assertThat(registry.server().metricsText()).containsPattern("registry_storage_free_bytes\\{folder=\"images\"}");

        // the floor is live: lowered on the settings page below what is free, the node is UP again
        RegistryClient browser = registry.browser();
        assertThat(browser.get("/settings").body()).contains("REGISTRY_MIN_FREE_BYTES", "2MiB");
        assertThat(browser.form("/settings/options", Map.of("key", "REGISTRY_MIN_FREE_BYTES", "value", "1GB"))
                .body()).contains("ambiguous");
        assertThat(browser.form("/settings/options", Map.of("key", "REGISTRY_MIN_FREE_BYTES", "value", "512KiB"))
                .statusCode()).isEqualTo(200);
        try {
            assertThat(JSON.readTree(registry.anonymous().get("/health").body()).get("status").asText()).isEqualTo("UP");
        } finally {
            browser.form("/settings/options", Map.of("key", "REGISTRY_MIN_FREE_BYTES", "value", "2MiB"));
        }
        assertThat(JSON.readTree(registry.anonymous().get("/health").body()).get("status").asText()).isEqualTo("DEGRADED");

        images.unfill();
        JsonNode again = JSON.readTree(registry.anonymous().get("/health").body());
        assertThat(again.get("status").asText()).isEqualTo("UP");
        assertThat(again.get("reasons")).isEmpty();
        assertThat(imagesEntry(again).get("status").asText()).isEqualTo("OK");
    }

    private static JsonNode imagesEntry(JsonNode health) {
        for (JsonNode folder : health.get("storage")) {
            if (folder.get("role").asText().equals("images")) {
                return folder;
            }
        }
        throw new AssertionError("no entry for the images folder in " + health);
    }

    /** PUT with Content-Length ({@code announced}) or chunked (streamed, size unknown to the server). */
    private static HttpResponse<String> upload(String name, byte[] content, boolean announced) {
        RegistryClient admin = registry.admin();
        HttpRequest.BodyPublisher body = announced ? HttpRequest.BodyPublishers.ofByteArray(content)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(content));
        return admin.send(admin.request("/api/containers/" + name).PUT(body));
    }

    private static int remove(String path) {
        RegistryClient admin = registry.admin();
        return admin.send(admin.request(path).DELETE()).statusCode();
    }

    private static int total() throws IOException {
        return JSON.readTree(registry.admin().get("/api/containers").body()).get("total").asInt();
    }

    private static List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(images.dir().resolve("sha256"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    private static List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(images.dir().resolve("sha256"), 2)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    private static byte[] bytes(long size, int seed) {
        byte[] content = new byte[(int) size];
        new Random(seed).nextBytes(content);
        return content;
    }

    /** Reads an HTTP answer until the server closes the connection. */
    private static String readAnswer(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
