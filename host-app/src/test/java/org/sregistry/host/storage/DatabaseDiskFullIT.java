package org.sregistry.host.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.Tmpfs;

/**
 * The database's own disk fills up (the images folder has room): the upload is answered 507
 * naming the database folder, nothing of it stays, everything acknowledged before is still there,
 * and the same upload works once there is room again.
 */
class DatabaseDiskFullIT {
    private static final long MIB = 1 << 20;

    @Test
    void aFullDatabaseDiskIsA507NamingItsFolderAndLosesNothing() throws Exception {
        Tmpfs.assumeMountable();
        Path dataDir = Files.createTempDirectory("registry-db-full");
        try (Tmpfs db = Tmpfs.mount(dataDir.resolve("db"), 4 * MIB);
             RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir)
                     .config("REGISTRY_MIN_FREE_BYTES", "0")
                     .config("REGISTRY_ANY_FILE_COLLECTIONS", "*") // the database's disk matters here, not formats
                     .start()) {
            RegistryClient admin = registry.admin();
            assertThat(put(admin, "demo/before:1", "acknowledged before").statusCode()).isEqualTo(201);

            db.fillLeaving(0);
            HttpResponse<String> refused = put(admin, "demo/during:1", "x".repeat(300_000));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
            assertThat(refused.body()).contains("\"error\":\"insufficient_storage\"")
                    .contains(dataDir.resolve("db").toAbsolutePath().toString());

            db.unfill();
            assertThat(admin.get("/api/container/demo/during:1").statusCode()).isEqualTo(404);
            assertThat(admin.get("/api/container/demo/before:1/download").body()).isEqualTo("acknowledged before");
            assertThat(put(admin, "demo/during:1", "x".repeat(300_000)).statusCode()).isEqualTo(201);
            assertThat(admin.get("/api/containers").body()).contains("\"total\":2");
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HttpResponse<String> put(RegistryClient client, String name, String body) {
        return client.send(client.request("/api/containers/" + name).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }
}
