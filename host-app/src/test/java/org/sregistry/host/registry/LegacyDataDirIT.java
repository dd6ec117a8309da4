package org.sregistry.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.Main;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * A data dir written by 0.1.0 (embedded H2; produced by the 0.1.0 code, see
 * registry-core/src/test/resources/legacy/README.md) keeps its images: migrated by
 * {@code registry db migrate}, or by the first start.
 */
class LegacyDataDirIT {
    private static final Path FIXTURE = Path.of("../registry-core/src/test/resources/legacy/data-dir-0.1.0.zip");

    @TempDir
    Path dataDir;

    @Test
    void dbMigrateImportsTheOldDatabaseAndSaysWhatItDid() throws Exception {
        unzip(FIXTURE, dataDir);
        Run first = run("--data-dir", dataDir.toString(), "db", "migrate");
        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out).contains("imported the 0.1.0 H2 database " + dataDir.resolve("db/registry.mv.db").toAbsolutePath())
                .contains("3 blobs", "4 images", "3 image metadata", "1 once keys", "3 plugin records")
                .contains("old files kept in " + dataDir.resolve("db/h2-0.1.0").toAbsolutePath())
                .contains("schema version 4");
        assertThat(dataDir.resolve("db/h2-0.1.0/registry.mv.db")).exists();

        Run again = run("--data-dir", dataDir.toString(), "db", "migrate");
        assertThat(again.code).isZero();
        assertThat(again.out).contains("no 0.1.0 H2 database to import", "schema version 4");

        try (RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir).start()) {
            assertServesTheOldImages(registry.admin());
        }
    }

    @Test
    void dbMigrateOnADataDirThatDoesNotExistSaysSoAndCreatesNothing() {
        Path missing = dataDir.resolve("typo");
        Run run = run("--data-dir", missing.toString(), "db", "migrate");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("no data dir at " + missing.toAbsolutePath());
        assertThat(missing).doesNotExist();
    }

    @Test
    void theFirstStartMigratesByItself() throws Exception {
        unzip(FIXTURE, dataDir);
        try (RegistryExtension registry = RegistryExtension.builder().dataDir(dataDir).start()) {
            assertServesTheOldImages(registry.admin());
            assertThat(registry.admin().get("/health").body()).contains("\"database\":\"UP\"");
        }
        assertThat(dataDir.resolve("db/registry.db")).exists();
        assertThat(dataDir.resolve("db/registry.mv.db")).doesNotExist();
        assertThat(dataDir.resolve("db/h2-0.1.0/registry.mv.db")).exists();
    }

    private static void assertServesTheOldImages(RegistryClient admin) {
        assertThat(admin.get("/api/containers").body()).contains("\"total\":4");
        HttpResponse<String> hello = admin.get("/api/container/library/hello:v1");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("uploaded by 0.1.0");
        HttpResponse<String> download = admin.get("/api/container/lab/tools:2024/download");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("not a sif, just bytes\n");
        assertThat(admin.get("/api/container/cluster/pulled:v2").body()).contains("globus.task_id");
    }

    private static void unzip(Path zipFile, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zipFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Main.run(args, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private record Run(int code, String out, String err) {
    }
}
