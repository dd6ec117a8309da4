package org.sregistry.registry.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.registry.files.FolderSync;

/**
 * Moves the embedded H2 database of a 0.1.0 data dir ({@code db/registry.mv.db}) into the SQLite
 * default ({@code db/registry.db}): images, blob facts, metadata, once-keys and plugin records, row
 * for row with their ids. API tokens, the config file and the blobs are files and stay as they are.
 *
 * <p>Crash-safe and repeatable: the rows go into {@code registry.db.import} in one transaction,
 * are counted against the source, and only then is the file renamed to {@code registry.db}; the H2
 * files are moved aside to {@code db/h2-0.1.0/} afterwards (never deleted). Killed before the
 * rename, the next start imports again from scratch; killed after it, the next start only moves
 * the H2 files aside.
 */
public final class LegacyH2Import {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyH2Import.class);
    /** The 0.1.0 database file name (H2 adds {@code .mv.db} to the name in the URL). */
    static final String H2_NAME = "registry";
    /** Where the old files are kept. */
    static final String KEPT_FOLDER = "h2-0.1.0";
    /** Tables in foreign-key order (parents first). */
    static final List<String> TABLES = List.of("blobs", "blob_facts", "images", "image_metadata", "once_keys",
            "plugin_records");
    /** The newest schema 0.1.0 wrote; a newer H2 schema is not ours to read. */
    private static final int NEWEST_KNOWN_VERSION = 3;

    /** What an import did. */
    public record Report(Path source, Path keptIn, Map<String, Long> rows) {
        /** One line: {@code 4 images, 3 blobs, ...}. */
        public String summary() {
            return rows.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                    .collect(Collectors.joining(", "));
        }
    }

    private LegacyH2Import() {
    }

    /** True when {@code dataDir} holds a 0.1.0 H2 database that was not moved aside yet. */
    public static boolean pending(Path dataDir) {
        return Files.exists(h2File(dataDir));
    }

    /**
     * Imports the 0.1.0 database of {@code dataDir} when there is one and SQLite has none yet.
     *
     * @return what was done; empty when there was nothing to import
     * @throws IllegalStateException when the H2 database cannot be read (e.g. a 0.1.0 server still runs)
     */
    public static synchronized Optional<Report> runIfNeeded(Path dataDir) {
        Path h2 = h2File(dataDir);
        if (!Files.exists(h2)) {
            return Optional.empty();
        }
        Path target = Database.defaultFile(dataDir);
        Map<String, Long> rows = Map.of();
        if (!Files.exists(target)) {
            rows = importInto(dataDir, h2, target);
        } else {
            LOG.info("{} exists already (an import finished before the process stopped); moving the old H2 files aside",
                    target);
        }
        Path kept = moveAside(dataDir);
        Report report = new Report(h2, kept, rows);
        if (!rows.isEmpty()) {
            LOG.info("Migrated the 0.1.0 H2 database {} to SQLite {}: {}. The old files are kept in {}.",
                    h2, target, report.summary(), kept);
        }
        return Optional.of(report);
    }

    private static Map<String, Long> importInto(Path dataDir, Path h2, Path target) {
        Path temp = target.resolveSibling(target.getFileName() + ".import");
        deleteWithJournal(temp);
        Map<String, Long> rows = new LinkedHashMap<>();
        String h2Url = "jdbc:h2:file:" + h2.resolveSibling(H2_NAME) + ";IFEXISTS=TRUE";
        try (Connection source = DriverManager.getConnection(h2Url, "", "")) {
            checkSchemaVersion(source);
            try (Database sqlite = Database.openUrl("jdbc:sqlite:" + temp, null, null);
                 Connection dest = sqlite.dataSource().getConnection()) {
                dest.setAutoCommit(false);
                for (String table : TABLES) {
                    rows.put(table, copyTable(source, dest, table));
                }
                dest.commit();
            }
            // the pool is closed; fold what is left of the write-ahead log in: one self-contained file to rename
            try (Connection dest = DriverManager.getConnection("jdbc:sqlite:" + temp); Statement st = dest.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            deleteWithJournal(temp);
            throw new IllegalStateException("cannot migrate the 0.1.0 database " + h2 + " to SQLite: " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("already in use")
                    ? " (stop the 0.1.0 server that still has it open, then start again)" : ""), e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            FolderSync.sync(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + temp + " to " + target, e);
        }
        return rows;
    }

    private static void checkSchemaVersion(Connection h2) throws SQLException {
        try (Statement st = h2.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\""
                     + " WHERE \"success\" = TRUE")) {
            int version = rs.next() ? rs.getInt(1) : 0;
            if (version > NEWEST_KNOWN_VERSION) {
                throw new SQLException("its schema version " + version + " is newer than 0.1.0's ("
                        + NEWEST_KNOWN_VERSION + "); this build does not know how to read it");
            }
        }
    }

    /** Copies every row of {@code table}, the columns SQLite's table has; answers the row count (checked). */
    private static long copyTable(Connection h2, Connection dest, String table) throws SQLException {
        List<String> columns = columnsOf(dest, table);
        String list = String.join(", ", columns);
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        long copied = 0;
        try (Statement read = h2.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement write = dest.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    write.setObject(i, rs.getObject(i));
                }
                write.addBatch();
                if (++copied % 500 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        long expected = count(h2, table);
        long written = count(dest, table);
        if (expected != copied || written != expected) {
            throw new SQLException(table + ": " + expected + " rows in H2, " + written + " written");
        }
        return written;
    }

    private static List<String> columnsOf(Connection sqlite, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        return columns;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Moves {@code registry.mv.db} (and H2's trace/lock files) to {@code db/h2-0.1.0/}; answers that folder. */
    private static Path moveAside(Path dataDir) {
        Path db = dataDir.toAbsolutePath().resolve("db");
        Path kept = db.resolve(KEPT_FOLDER);
        try {
            Files.createDirectories(kept);
            for (String suffix : List.of(".mv.db", ".trace.db", ".lock.db")) {
                Path file = db.resolve(H2_NAME + suffix);
                if (Files.exists(file)) {
                    Path to = kept.resolve(file.getFileName());
                    if (Files.exists(to)) {
                        to = kept.resolve(file.getFileName() + "." + System.currentTimeMillis());
                    }
                    Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            FolderSync.sync(db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the old H2 files to " + kept, e);
        }
        return kept;
    }

    private static Path h2File(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("db").resolve(H2_NAME + ".mv.db");
    }

    private static void deleteWithJournal(Path file) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the unfinished import " + file + suffix, e);
            }
        }
    }
}
