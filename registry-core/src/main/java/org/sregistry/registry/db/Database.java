package org.sregistry.registry.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sregistry.registry.files.OwnerOnly;

/**
 * The registry database: a connection source, the schema (Flyway migrations) and Jdbi on top.
 *
 * <p>The default is an embedded SQLite file {@code <data-dir>/db/registry.db} in WAL mode with
 * {@code synchronous=FULL}: every commit is in the write-ahead log on disk before it returns, so
 * nothing acknowledged is lost to a killed process (or a power cut). WAL lets the server and CLI
 * commands open the file at the same time (many readers, one writer); writers queue for up to
 * {@value #SQLITE_BUSY_TIMEOUT_MS} ms. Transactions begin IMMEDIATE (take the write lock at
 * BEGIN), so two writers never deadlock on a read-then-write upgrade, and the row locks that
 * PostgreSQL needs ({@code FOR UPDATE}) are implied. Any other JDBC URL (PostgreSQL for several
 * nodes) is used as given.
 *
 * <p>Connections come from a small HikariCP pool. For SQLite that matters beyond speed: closing
 * the last connection checkpoints the write-ahead log into the database file, so a connection per
 * statement would pay a checkpoint (two more fsyncs) on every commit.
 *
 * <p>Migrations: {@code classpath:db/migration} (portable SQL, registry-core owns V1..V9, the host
 * may add V10+) plus {@code classpath:db/migration-<vendor>} for what cannot be portable (the
 * identity column of V1). SQL that differs per database uses the Jdbi attribute
 * {@code <forUpdate>}.
 *
 * <p>A data dir of 0.1.0 (embedded H2) is migrated to SQLite the first time it is opened: see
 * {@link LegacyH2Import}.
 */
public final class Database implements AutoCloseable {
    /** How long a writer waits for the SQLite write lock before the statement fails (and is retried). */
    static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    /** Most pooled connections (SQLite: one writer at a time anyway; PostgreSQL: per node). */
    static final int MAX_CONNECTIONS = 10;
    /** The default database file, inside {@code <data-dir>/db}. */
    static final String SQLITE_FILE = "registry.db";

    /** The databases the registry runs on. */
    public enum Vendor {
        /** The embedded default. */
        SQLITE("sqlite", ""),
        /** Several processes or nodes. */
        POSTGRESQL("postgresql", " FOR UPDATE");

        private final String folder;
        private final String forUpdate;

        Vendor(String folder, String forUpdate) {
            this.folder = folder;
            this.forUpdate = forUpdate;
        }

        /** The vendor of a JDBC URL. */
        static Vendor of(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:sqlite:")) {
                return SQLITE;
            }
            if (lower.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:): "
                    + url.replaceAll("(?i)password=[^&;]*", "password=****"));
        }
    }

    private final String url;
    private final Vendor vendor;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(String url, Vendor vendor, HikariDataSource dataSource) {
        this.url = url;
        this.vendor = vendor;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // row locks where the database has them; SQLite's IMMEDIATE transactions lock the whole file
        this.jdbi.define("forUpdate", vendor.forUpdate);
    }

    /** The default embedded SQLite URL for {@code dataDir}. */
    public static String defaultUrl(Path dataDir) {
        return "jdbc:sqlite:" + defaultFile(dataDir);
    }

    /** The default database file of {@code dataDir}. */
    public static Path defaultFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("db").resolve(SQLITE_FILE);
    }

    /** Opens the default embedded database in {@code dataDir} and migrates it. */
    public static Database open(Path dataDir) {
        return open(dataDir, null, null, null);
    }

    /**
     * Opens {@code url} (or the default SQLite file in {@code dataDir} when {@code url} is null or
     * blank) and migrates it. The default database of a 0.1.0 data dir is imported from H2 first.
     *
     * @param dataDir  the data directory (only used for the default URL)
     * @param url      a JDBC URL, e.g. the value of {@code REGISTRY_DATABASE_URL}; null for the default
     * @param user     user, or null
     * @param password password, or null
     */
    public static Database open(Path dataDir, String url, String user, String password) {
        boolean embedded = url == null || url.isBlank();
        if (embedded) {
            ownerOnly(dataDir);
            LegacyH2Import.runIfNeeded(dataDir);
            ownerOnlyFile(defaultFile(dataDir));
        }
        return openUrl(embedded ? defaultUrl(dataDir) : url.trim(), user, password);
    }

    /** Opens and migrates exactly {@code url} (no legacy import). */
    static Database openUrl(String url, String user, String password) {
        Vendor vendor = Vendor.of(url);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("registry-db");
        pool.setMaximumPoolSize(MAX_CONNECTIONS);
        pool.setMinimumIdle(1);
        if (vendor == Vendor.SQLITE) {
            pool.setDataSource(sqlite(url));
        } else {
            pool.setJdbcUrl(url);
            pool.setUsername(user);
            pool.setPassword(password);
        }
        // wait as long as a writer may queue for SQLite's lock, then fail with a clear error
        pool.setConnectionTimeout(SQLITE_BUSY_TIMEOUT_MS);
        Database db = new Database(url, vendor, new HikariDataSource(pool));
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** A SQLite source with the durability and concurrency settings above (applied to every connection). */
    private static DataSource sqlite(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    /** The {@code db} folder 0700 and the database file 0600 (SQLite gives its -wal and -shm files that mode). */
    private static void ownerOnly(Path dataDir) {
        Path dir = dataDir.resolve("db");
        try {
            OwnerOnly.folder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void ownerOnlyFile(Path file) {
        try {
            OwnerOnly.file(file); // an empty file is an empty database
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private void migrate() {
        flyway().migrate();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/migration-" + vendor.folder)
                .load();
    }

    /** The newest schema version applied, e.g. {@code 3}. */
    public String schemaVersion() {
        var current = flyway().info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * Applies another module's migrations, kept in their own history table so that their versions
     * never interleave with the registry's own (a later core V5 after a host V10 in one table would
     * be refused as out of order). Such tables may refer to the core's tables, never the reverse.
     *
     * @param location     a classpath folder, e.g. {@code classpath:db/host}
     * @param historyTable e.g. {@code host_schema_history}
     * @return the newest version now applied there
     */
    public String migrateExtra(String location, String historyTable) {
        Flyway extra = Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        extra.migrate();
        var current = extra.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /** Jdbi on this database. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The connection source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Which database this is. */
    public Vendor vendor() {
        return vendor;
    }

    /** The folder of the embedded database file (SQLite); empty for a database server. */
    public java.util.Optional<Path> folder() {
        if (vendor != Vendor.SQLITE) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")).toAbsolutePath();
        return java.util.Optional.ofNullable(file.getParent());
    }

    /** The JDBC URL in use (no credentials in it unless the caller put them there). */
    public String url() {
        return url;
    }

    /** Closes the pool (SQLite: the last close folds the write-ahead log into the database file). */
    @Override
    public void close() {
        dataSource.close();
    }
}
