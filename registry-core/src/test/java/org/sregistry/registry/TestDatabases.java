package org.sregistry.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.sregistry.registry.db.Database;

/**
 * The database a registry-core test runs on: the embedded SQLite default, or PostgreSQL when the
 * system property {@code registry.test.database=postgresql} is set (the pom's {@code postgresql-tests}
 * execution) and {@code REGISTRY_TEST_POSTGRES_URL}/{@code _USER}/{@code _PASSWORD} name a database
 * the test may wipe ({@code .ci/run} starts one). So the same tests prove the SQL on both.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** Opens a fresh, migrated database for a test. */
    public static Database open(Path dataDir) {
        if (!"postgresql".equals(System.getProperty("registry.test.database"))) {
            return Database.open(dataDir);
        }
        String url = System.getenv("REGISTRY_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql:"),
                "REGISTRY_TEST_POSTGRES_URL names no PostgreSQL database to run on");
        String user = System.getenv("REGISTRY_TEST_POSTGRES_USER");
        String password = System.getenv("REGISTRY_TEST_POSTGRES_PASSWORD");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database " + url + ": " + e.getMessage(), e);
        }
        return Database.open(dataDir, url, user, password);
    }
}
