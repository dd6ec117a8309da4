package org.sregistry.registry.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** The embedded database's files are the owner's alone, like the rest of the data dir. */
class DatabaseFilesTest {
    @TempDir
    Path dir;

    @Test
    void theDatabaseAndItsLogAreOwnerOnly() throws Exception {
        try (Database db = Database.open(dir)) {
            new JdbcPluginStore(db, "test", Clock.systemUTC()).insertIfAbsent("k", "a", "v");
            Path file = dir.resolve("db/registry.db");
            assertThat(mode(dir.resolve("db"))).isEqualTo("rwx------");
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("db/registry.db-wal"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aWiderDatabaseFileIsTightenedWhenOpened() throws Exception {
        Database.open(dir).close();
        Path file = dir.resolve("db/registry.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Database.open(dir).close();
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
