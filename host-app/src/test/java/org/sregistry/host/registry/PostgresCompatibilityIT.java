package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.testkit.TestPlugins;

/**
 * The same server on PostgreSQL instead of embedded H2: migrations, images, the plugin store's
 * atomic insert. Runs when {@code REGISTRY_TEST_POSTGRES_URL} (plus {@code _USER}, {@code _PASSWORD})
 * names a database it may wipe; {@code .ci/run} starts one.
 */
@EnabledIfEnvironmentVariable(named = "REGISTRY_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresCompatibilityIT {

    @Test
    void theRegistryRunsOnPostgres() throws Exception {
        String url = System.getenv("REGISTRY_TEST_POSTGRES_URL");
        String user = System.getenv("REGISTRY_TEST_POSTGRES_USER");
        String password = System.getenv("REGISTRY_TEST_POSTGRES_PASSWORD");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        try (RegistryExtension registry = RegistryExtension.builder().plugin(TestPlugins.sample()).enable("sample")
                .env("REGISTRY_DATABASE_URL", url).env("REGISTRY_DATABASE_USER", user)
                .env("REGISTRY_DATABASE_PASSWORD", password).start()) {
            RegistryClient admin = registry.admin();
            java.nio.file.Path sif = java.nio.file.Files.createTempFile("pg", ".sif");
            org.sregistry.registry.sif.SifWriter.write(sif, new byte[1000], "amd64",
                    java.time.Instant.parse("2024-01-01T00:00:00Z"), java.util.UUID.randomUUID());
            byte[] image = java.nio.file.Files.readAllBytes(sif);
            java.nio.file.Files.delete(sif);
            HttpResponse<String> put = admin.send(admin.request("/api/containers/demo/pg:1.0")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(image)));
            assertThat(put.statusCode()).isEqualTo(201);
            admin.send(admin.request("/api/containers/demo/pg:2.0").PUT(HttpRequest.BodyPublishers.ofByteArray(image)));
            assertThat(admin.get("/api/containers?q=pg&sort=name").body()).contains("\"total\":2");
            assertThat(admin.get("/api/container/demo/pg").statusCode()).isEqualTo(200);
            assertThat(admin.send(admin.request("/api/container/demo/pg:1.0").DELETE()).statusCode()).isEqualTo(204);
            assertThat(admin.get("/api/containers").body()).contains("\"total\":1");
            assertThat(admin.get("/api/sample/store").body()).contains("\"inserted\":true");
            assertThat(admin.get("/api/sample/store").body()).contains("\"inserted\":false");
            assertThat(admin.get("/health").body()).contains("\"database\":\"UP\"");
        }
    }
}
