package org.sregistry.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;
import org.sregistry.registry.sif.SifWriter;

/** Other local users read nothing of the data dir: images, logs, plugin data and the rest are the owner's. */
class OwnerOnlyPermissionsIT {
    @TempDir
    Path temp;

    @Test
    void aNewDataDirIsOwnerOnly() throws Exception {
        Path dataDir = temp.resolve("data");
        try (RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir).plugin(TestPlugins.sample())
                .enable("sample").start()) {
            uploadAndStage(registry);
            assertOwnerOnly(dataDir);
        }
    }

    @Test
    void anExistingDataDirIsTightenedAtStart() throws Exception {
        Path dataDir = temp.resolve("old");
        try (RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir).plugin(TestPlugins.sample())
                .enable("sample").start()) {
            uploadAndStage(registry);
            registry.stop();
            // what 0.1.0 left: world-readable folders, logs and images
            try (Stream<Path> all = Files.walk(dataDir)) {
                for (Path p : all.toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : p.toString().contains("/images/") ? "r--r--r--" : "rw-r--r--"));
                }
            }
            registry.start();
            assertOwnerOnly(dataDir);
        }
    }

    private static void uploadAndStage(RegistryExtension registry) throws IOException {
        Path sif = registry.dataDir().resolveSibling("image.sif");
        SifWriter.write(sif, new byte[10_000], "amd64", Instant.parse("2024-01-01T00:00:00Z"), UUID.randomUUID());
        RegistryClient admin = registry.admin();
        assertThat(admin.send(admin.request("/api/containers/demo/perm:v1")
                .PUT(HttpRequest.BodyPublishers.ofFile(sif))).statusCode()).isEqualTo(201);
        assertThat(admin.send(admin.request("/api/sample/stage?bytes=10")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    }

    private static void assertOwnerOnly(Path dataDir) throws IOException {
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        for (Path folder : List.of(dataDir.resolve("images"), dataDir.resolve("images/sha256"), dataDir.resolve("logs"),
                dataDir.resolve("plugin-data"), dataDir.resolve("plugin-data/sample"), dataDir.resolve("auth"),
                dataDir.resolve("db"))) {
            assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
        try (Stream<Path> images = Files.walk(dataDir.resolve("images/sha256"))) {
            List<Path> all = images.filter(p -> !p.equals(dataDir.resolve("images/sha256"))).toList();
            assertThat(all).filteredOn(Files::isRegularFile).isNotEmpty()
                    .allSatisfy(blob -> assertThat(mode(blob)).as(blob.toString()).isEqualTo("r--------"));
            assertThat(all).filteredOn(Files::isDirectory).isNotEmpty()
                    .allSatisfy(shard -> assertThat(mode(shard)).as(shard.toString()).isEqualTo("rwx------"));
        }
        assertThat(mode(dataDir.resolve("logs/registry.log"))).isEqualTo("rw-------");
        try (Stream<Path> auth = Files.list(dataDir.resolve("auth"))) {
            assertThat(auth.toList()).isNotEmpty().allSatisfy(f -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
