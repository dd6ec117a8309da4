package org.sregistry.registry.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageQuery;
import org.sregistry.registry.images.ImagePolicy;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** A data dir written by the 0.1.0 code (H2) opens as SQLite with everything in it (see test resources legacy/). */
class LegacyH2ImportTest {
    private static final String TASK = "6a1e3f2c-0000-4000-8000-000000000001";
    private static final ImageQuery ALL = new ImageQuery("", ImageQuery.Sort.NAME, 100, 0);

    @TempDir
    Path dir;

    @Test
    void aZeroOneDataDirIsMigratedOnFirstOpenWithEverythingInIt() throws IOException {
        unzipLegacy(dir);
        try (Database db = Database.open(dir)) {
            assertThat(db.vendor()).isEqualTo(Database.Vendor.SQLITE);
            JdbcRegistryService registry = registry(db);
            assertThat(registry.list(ALL).items()).extracting(i -> i.name().withoutVersion())
                    .containsExactlyInAnyOrder("library/hello:v1", "lab/tools:latest", "lab/tools:2024", "cluster/pulled:v2");
            ImageInfo hello = registry.get("library/hello:v1").orElseThrow();
            assertThat(hello.metadata()).containsEntry("note", "uploaded by 0.1.0");
            assertThat(hello.fileInfo()).isNotEmpty(); // SIF header facts came along
            assertThat(Files.size(registry.blobFile(hello))).isEqualTo(hello.size());
            assertThat(registry.get("cluster/pulled:v2").orElseThrow().metadata()).containsEntry("globus.task_id", TASK);

            // the once-key came along: the same import again adds nothing
            Path again = Files.writeString(dir.resolve("again.sif"), "other bytes");
            AddResult repeated = registry.forPlugin("globus").add(AddRequest.of(again, "cluster/pulled:v2", Map.of())
                    .once(TASK + ":/~/staging/pulled_v2.sif"));
            assertThat(repeated.alreadyDone()).isTrue();

            JdbcPluginStore store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
            assertThat(store.get("transfer", TASK)).hasValueSatisfying(v -> assertThat(v).contains("\"done\":true"));
            assertThat(store.get("note", "big")).hasValue("x".repeat(70000));
            assertThat(store.get("note", "unicode")).hasValue("Zürich · 東京 · ✓");

            // new rows after the imported ones
            Path fresh = Files.writeString(dir.resolve("fresh.simg"), "fresh");
            registry.add(AddRequest.of(fresh, "lab/fresh:v1", Map.of()));
            assertThat(registry.list(ALL).total()).isEqualTo(5);
        }
        assertThat(dir.resolve("db/registry.mv.db")).doesNotExist();
        assertThat(dir.resolve("db/h2-0.1.0/registry.mv.db")).exists(); // kept aside, not deleted
        assertThat(dir.resolve("db/registry.db.import")).doesNotExist();
        assertThat(LegacyH2Import.pending(dir)).isFalse();
        try (Database again = Database.open(dir)) { // second start: nothing to import, the new rows stay
            assertThat(registry(again).get("lab/fresh:v1")).isPresent();
        }
    }

    @Test
    void theReportCountsEveryTable() throws IOException {
        unzipLegacy(dir);
        LegacyH2Import.Report report = LegacyH2Import.runIfNeeded(dir).orElseThrow();
        assertThat(report.rows()).containsEntry("blobs", 3L).containsEntry("images", 4L)
                .containsEntry("image_metadata", 3L).containsEntry("once_keys", 1L).containsEntry("plugin_records", 3L)
                .containsKey("blob_facts");
        assertThat(report.summary()).startsWith("3 blobs, ").contains("4 images", "1 once keys", "3 plugin records");
        assertThat(LegacyH2Import.runIfNeeded(dir)).isEmpty();
    }

    @Test
    void anImportKilledBeforeItsRenameIsRedoneFromScratch() throws IOException {
        unzipLegacy(dir);
        // what a killed import leaves: a half-written temp database next to the untouched H2 file
        Files.writeString(dir.resolve("db/registry.db.import"), "half written");
        try (Database db = Database.open(dir)) {
            assertThat(registry(db).list(ALL).total()).isEqualTo(4);
        }
        assertThat(dir.resolve("db/registry.db.import")).doesNotExist();
    }

    @Test
    void anImportKilledAfterItsRenameOnlyMovesTheOldFilesAside() throws IOException {
        unzipLegacy(dir);
        LegacyH2Import.runIfNeeded(dir);
        // the H2 file back in place, as if the process had died between the rename and the move
        Files.move(dir.resolve("db/h2-0.1.0/registry.mv.db"), dir.resolve("db/registry.mv.db"));
        LegacyH2Import.Report report = LegacyH2Import.runIfNeeded(dir).orElseThrow();
        assertThat(report.rows()).isEmpty();
        assertThat(dir.resolve("db/h2-0.1.0/registry.mv.db")).exists();
        try (Database db = Database.open(dir)) {
            assertThat(registry(db).list(ALL).total()).isEqualTo(4);
        }
    }

    @Test
    void anUnreadableOldDatabaseIsNamedAndLeftAlone() throws IOException {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/registry.mv.db"), "not an H2 file");
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot migrate the 0.1.0 database").hasMessageContaining("registry.mv.db");
        assertThat(dir.resolve("db/registry.mv.db")).hasContent("not an H2 file");
        assertThat(dir.resolve("db/registry.db")).doesNotExist();
    }

    private JdbcRegistryService registry(Database db) {
        return new JdbcRegistryService(db, dir, Clock.systemUTC(), Long.MAX_VALUE, ImagePolicy.anyFile());
    }

    /** Unpacks the 0.1.0 data dir of the test resources into {@code target}. */
    public static void unzipLegacy(Path target) throws IOException {
        try (InputStream in = LegacyH2ImportTest.class.getResourceAsStream("/legacy/data-dir-0.1.0.zip");
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("bad entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
    }
}
