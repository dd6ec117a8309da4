package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.testkit.ShiftableClock;

/** Which jars are ready: nothing half-written is handed on, nothing outside the folder is followed. */
class PluginFoldersTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(1);

    @TempDir
    Path root;
    private Path plugins;
    private ShiftableClock clock;
    private PluginFolders folders;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(root.resolve("plugins"));
        clock = ShiftableClock.startingAt(NOW);
        folders = new PluginFolders(List.of(plugins), List.of(), clock, SETTLE);
    }

    @Test
    void atTheFirstScanAJarThatOpensIsReadyEvenIfJustWritten() throws IOException {
        write("a.jar", jar(), NOW);
        assertThat(ready(folders.scan(Set.of()))).containsExactly("a.jar");
    }

    @Test
    void atTheFirstScanAFreshJarThatDoesNotOpenYetIsPending() throws IOException {
        write("a.jar", half(jar()), NOW);
        PluginFolders.Scan scan = folders.scan(Set.of());
        assertThat(ready(scan)).isEmpty();
        assertThat(scan.pending()).containsExactly(plugins.resolve("a.jar"));
        assertThat(scan.present(plugins.resolve("a.jar"))).isTrue();
    }

    @Test
    void laterAJustWrittenJarWaitsUntilItHasStayedTheSameForTheSettleTime() throws IOException {
        folders.scan(Set.of());
        write("a.jar", jar(), NOW);
        assertThat(folders.scan(Set.of()).pending()).hasSize(1);
        clock.advance(Duration.ofMillis(600));
        assertThat(folders.scan(Set.of()).pending()).as("0.6 s unchanged").hasSize(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(ready(folders.scan(Set.of()))).as("1.1 s unchanged").containsExactly("a.jar");
    }

    @Test
    void aJarThatKeepsGrowingStaysPendingAndIsReadyOnceComplete() throws IOException {
        folders.scan(Set.of());
        byte[] whole = jar();
        write("a.jar", half(whole), NOW);
        assertThat(folders.scan(Set.of()).pending()).hasSize(1);
        clock.advance(Duration.ofMillis(800));
        write("a.jar", whole, NOW.plusMillis(800));
        assertThat(folders.scan(Set.of()).pending()).as("it changed 0 s ago").hasSize(1);
        clock.advance(Duration.ofMillis(800));
        assertThat(folders.scan(Set.of()).pending()).as("unchanged for 0.8 s").hasSize(1);
        clock.advance(Duration.ofMillis(300));
        assertThat(ready(folders.scan(Set.of()))).containsExactly("a.jar");
    }

    @Test
    void aJarLastModifiedLongAgoIsReadyAtOnce() throws IOException {
        folders.scan(Set.of());
        write("moved-in.jar", jar(), NOW.minus(Duration.ofHours(1)));
        assertThat(ready(folders.scan(Set.of()))).containsExactly("moved-in.jar");
    }

    @Test
    void aJarTheHostWroteItselfIsReadyAtOnce() throws IOException {
        folders.scan(Set.of());
        Path jar = write("sample.jar", jar(), NOW);
        assertThat(ready(folders.scan(Set.of(jar)))).containsExactly("sample.jar");
    }

    @Test
    void aSettledFileThatIsNoZipIsHandedOnForTheLoaderToReport() throws IOException {
        folders.scan(Set.of());
        write("broken.jar", new byte[] {1, 2, 3}, NOW);
        assertThat(ready(folders.scan(Set.of()))).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(ready(folders.scan(Set.of()))).containsExactly("broken.jar");
    }

    @Test
    void linksAreFollowedOnlyInsideTheFolderAndHiddenFilesAreSkipped() throws IOException {
        Path outside = write(root, "elsewhere.jar", jar(), NOW.minus(Duration.ofHours(1)));
        Files.createSymbolicLink(plugins.resolve("out.jar"), outside);
        Path inside = write("real.jar", jar(), NOW.minus(Duration.ofHours(1)));
        Files.createSymbolicLink(plugins.resolve("alias.jar"), inside);
        write(".upload-123.jar", jar(), NOW.minus(Duration.ofHours(1)));
        PluginFolders.Scan scan = folders.scan(Set.of());
        assertThat(ready(scan)).containsExactly("alias.jar", "real.jar");
        assertThat(scan.refused()).containsOnlyKeys(plugins.resolve("out.jar"));
        assertThat(scan.refused().get(plugins.resolve("out.jar"))).contains("symbolic link out of the plugins folder");
    }

    @Test
    void sourceTreeJarsComeAfterTheFoldersAndAreMarked() throws IOException {
        Path dev = write(root, "globus-plugin-0.1.0.jar", jar(), NOW);
        write("b.jar", jar(), NOW);
        PluginFolders withDev = new PluginFolders(List.of(plugins), List.of(dev), clock, SETTLE);
        List<PluginFolders.Found> ready = withDev.scan(Set.of()).ready();
        assertThat(ready).extracting(f -> f.jar().getFileName().toString()).containsExactly("b.jar",
                "globus-plugin-0.1.0.jar");
        assertThat(ready).extracting(PluginFolders.Found::dev).containsExactly(false, true);
        assertThat(withDev.devFolders()).containsExactly(root.toAbsolutePath().normalize());
    }

    private Path write(String name, byte[] bytes, Instant modified) throws IOException {
        return write(plugins, name, bytes, modified);
    }

    private static Path write(Path folder, String name, byte[] bytes, Instant modified) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static List<String> ready(PluginFolders.Scan scan) {
        return scan.ready().stream().map(f -> f.jar().getFileName().toString()).toList();
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=a\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] half(byte[] whole) {
        return Arrays.copyOf(whole, whole.length / 2);
    }
}
