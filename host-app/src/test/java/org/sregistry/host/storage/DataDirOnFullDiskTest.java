package org.sregistry.host.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.host.config.ConfigFile;
import org.sregistry.host.testkit.Tmpfs;

/**
 * The host's own writes into the data dir (settings saved from the page) on a real full disk: the error names the folder (the web layer answers it 507), the old file is
 * kept, no temp file is left, and nothing is half changed in memory.
 */
class DataDirOnFullDiskTest {
    @TempDir
    Path parent;
    private Tmpfs disk;

    @BeforeEach
    void mount() throws IOException {
        Tmpfs.assumeMountable();
        disk = Tmpfs.mount(parent.resolve("data"), 1 << 20);
    }

    @AfterEach
    void unmount() throws IOException {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void savingSettingsOnAFullDiskNamesTheFolderAndKeepsTheFile() throws IOException {
        ConfigFile file = new ConfigFile(disk.dir().resolve("registry.properties"));
        file.put("SOME_KEY", "before");
        disk.fillLeaving(0);

        assertThatThrownBy(() -> file.put("SOME_KEY", "x".repeat(64 * 1024)))
                .cause().isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining(disk.dir().toString()).hasMessageContaining("free");
        assertThat(Files.readString(disk.dir().resolve("registry.properties"))).contains("SOME_KEY=before");
        assertThat(new ConfigFile(disk.dir().resolve("registry.properties")).get("SOME_KEY")).isEqualTo("before");
        assertThat(tempFiles()).isEmpty();

        disk.unfill();
        file.put("SOME_KEY", "after");
        assertThat(file.get("SOME_KEY")).isEqualTo("after");
    }

    private java.util.List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(disk.dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
