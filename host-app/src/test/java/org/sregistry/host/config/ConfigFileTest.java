package org.sregistry.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two writers of one config file (the server and a CLI process) never lose or miss each other's changes. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersKeepEveryKey() throws Exception {
        Path file = dir.resolve("registry.properties");
        ConfigFile server = new ConfigFile(file);
        ConfigFile cli = new ConfigFile(file);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        done.add(pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
                server.put("SERVER_" + i, "s" + i);
            }
        }));
        done.add(pool.submit(() -> {
            for (int i = 0; i < 100; i++) {
                cli.put("CLI_" + i, "c" + i);
            }
        }));
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(new ConfigFile(file).all()).hasSize(200);
        assertThat(server.all()).hasSize(200);
        assertThat(cli.all()).hasSize(200);
    }

    @Test
    void aSameSizeChangeByAnotherWriterIsSeen() throws Exception {
        Path file = dir.resolve("registry.properties");
        ConfigFile server = new ConfigFile(file);
        ConfigFile cli = new ConfigFile(file);
        server.put("PLUGIN_X_ENDPOINT", "aaaa");
        assertThat(cli.get("PLUGIN_X_ENDPOINT")).isEqualTo("aaaa");
        var modified = Files.getLastModifiedTime(file);
        cli.put("PLUGIN_X_ENDPOINT", "bbbb"); // same size, possibly the same timestamp tick
        Files.setLastModifiedTime(file, modified);
        assertThat(server.get("PLUGIN_X_ENDPOINT")).isEqualTo("bbbb");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("registry.properties");
        new ConfigFile(file).put("REGISTRY_DATABASE_PASSWORD", "secret");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
