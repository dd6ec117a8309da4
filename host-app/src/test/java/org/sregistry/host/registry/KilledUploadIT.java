package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.sif.SifWriter;

/** A registry process killed in the middle of an upload leaves no visible image and no stray file. */
class KilledUploadIT {
    @TempDir
    Path dataDir;

    @Test
    void killedMidUploadLeavesNothingBehindAfterRestart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.sregistry.host.Main", "--port", "0", "--data-dir", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).startsWith("Registry listening on ");
            URI base = URI.create(line.substring("Registry listening on ".length()));
            String password = Files.readString(dataDir.resolve("initial-admin-password")).trim();

            HttpURLConnection upload = (HttpURLConnection) base.resolve("/api/containers/demo/big:latest").toURL()
                    .openConnection();
            upload.setRequestMethod("PUT");
            upload.setDoOutput(true);
            upload.setFixedLengthStreamingMode(64L << 20);
            upload.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
            try (OutputStream body = upload.getOutputStream()) {
                byte[] chunk = new byte[1 << 20];
                byte[] header = sifHeader();
                System.arraycopy(header, 0, chunk, 0, header.length); // an image, so it is stored, not refused
                for (int i = 0; i < 8; i++) {
                    body.write(chunk);
                    Arrays.fill(chunk, 0, header.length, (byte) 0);
                }
                body.flush();
                Thread.sleep(500); // the server is now writing its temp file
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (java.io.IOException expected) {
                // the connection dies with the server
            }
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        try (RegistryExtension restarted = RegistryExtension.builder().dataDir(dataDir).start()) {
            assertThat(restarted.admin().get("/api/containers").body()).contains("\"total\":0");
            assertThat(restarted.admin().get("/api/container/demo/big:latest").statusCode()).isEqualTo(404);
            assertThat(filesUnder(dataDir.resolve("images"))).isEmpty();
        }
    }

    /** The first bytes of a real SIF file. */
    private byte[] sifHeader() throws java.io.IOException {
        Path sif = dataDir.resolveSibling(dataDir.getFileName() + "-header.sif");
        SifWriter.write(sif, new byte[16], "amd64", Instant.parse("2024-01-01T00:00:00Z"),
                UUID.randomUUID());
        byte[] head = Arrays.copyOf(Files.readAllBytes(sif), 4096);
        Files.delete(sif);
        return head;
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
