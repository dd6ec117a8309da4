package org.sregistry.host.oci;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * The OCI API contract on PostgreSQL. Runs when {@code REGISTRY_TEST_POSTGRES_URL} (plus
 * {@code _USER}, {@code _PASSWORD}) names a database it may wipe; {@code .ci/run} starts one.
 */
@EnabledIfEnvironmentVariable(named = "REGISTRY_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class OciApiOnPostgresIT extends OciApiContract {
    @RegisterExtension
    static RegistryExtension registry = postgres();

    @Override
    protected RegistryExtension registry() {
        return registry;
    }

    private static RegistryExtension postgres() {
        String url = System.getenv("REGISTRY_TEST_POSTGRES_URL");
        String user = System.getenv("REGISTRY_TEST_POSTGRES_USER");
        String password = System.getenv("REGISTRY_TEST_POSTGRES_PASSWORD");
        RegistryExtension.Builder builder = RegistryExtension.builder();
        if (url != null) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE");
                statement.execute("CREATE SCHEMA public");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot reset " + url, e);
            }
            builder.env("REGISTRY_DATABASE_URL", url).env("REGISTRY_DATABASE_USER", user)
                    .env("REGISTRY_DATABASE_PASSWORD", password);
        }
        return builder.build();
    }
}
