package org.sregistry.registry.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry database: a connection source, the schema (Flyway migrations from
 * {@code classpath:db/migration}) and Jdbi on top.
 *
 * <p>registry-core owns migrations V1..V9; the host adds V10+ under the same location in its own
 * jar (Flyway scans every jar). A process that does not carry the host's migrations (e.g. a
 * tool) still opens a database migrated by the host, because Flyway ignores "future" migrations
 * by default.
 *
 * <p>The default is an embedded H2 file {@code <data-dir>/db/registry} opened with
 * {@code AUTO_SERVER=TRUE}: the first process opens the file and starts a small TCP server, later
 * processes (e.g. a CLI command next to the running server) connect through it instead of failing
 * on the file lock. Any other JDBC URL (PostgreSQL in production) is used as given.
 */
public final class Database implements AutoCloseable {

    /** Lock waits in the default H2 URL: long enough for concurrent adds of one name to queue up. */
    private static final int H2_LOCK_TIMEOUT_MS = 10_000;
    private static final int H2_MAX_CONNECTIONS = 32;

    private final String url;
    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final Jdbi jdbi;

    private Database(String url, DataSource dataSource, AutoCloseable closer) {
        this.url = url;
        this.dataSource = dataSource;
        this.closer = closer;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** The default embedded H2 URL for {@code dataDir}. */
    public static String defaultUrl(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("db").resolve("registry");
        // WRITE_DELAY=0: H2 otherwise writes a commit up to half a second later, so a process killed
        // right after a commit could lose it (found by the Globus import crash test).
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS;
    }

    /** Opens the default embedded H2 database in {@code dataDir} and migrates it. */
    public static Database open(Path dataDir) {
        return open(dataDir, null, null, null);
    }

    /**
     * Opens {@code url} (or the default H2 file in {@code dataDir} when {@code url} is null or
     * blank) and migrates it.
     *
     * @param dataDir  the data directory (only used for the default URL)
     * @param url      a JDBC URL, e.g. the value of {@code REGISTRY_DATABASE_URL}; null for the default
     * @param user     user, or null
     * @param password password, or null
     */
    public static Database open(Path dataDir, String url, String user, String password) {
        String effective = url == null || url.isBlank() ? defaultUrl(dataDir) : url.trim();
        if (url == null || url.isBlank()) {
            privateFolder(dataDir.resolve("db"));
            // AUTO_SERVER's TCP port answers anyone who knows the id in the lock file: listen on loopback
            // only, and keep the lock file unreadable to other users (the folder is 0700)
            if (System.getProperty("h2.bindAddress") == null) {
                System.setProperty("h2.bindAddress", "127.0.0.1");
            }
        }
        Database db;
        if (effective.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(effective,
                    user == null ? "" : user, password == null ? "" : password);
            pool.setMaxConnections(H2_MAX_CONNECTIONS);
            db = new Database(effective, pool, pool::dispose);
        } else {
            db = new Database(effective, new DriverManagerDataSource(effective, user, password), () -> { });
        }
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Creates {@code dir} (if needed) readable by its owner only. */
    private static void privateFolder(Path dir) {
        try {
            Files.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Jdbi on this database. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The connection source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL in use (no credentials in it unless the caller put them there). */
    public String url() {
        return url;
    }

    /** Closes the pool. */
    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the database failed", e);
        }
    }
}
