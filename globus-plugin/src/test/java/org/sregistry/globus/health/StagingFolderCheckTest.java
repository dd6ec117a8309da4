package org.sregistry.globus.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.HealthCheck;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.config.GlobusOptions;
import org.sregistry.testkit.FakePluginContext;

class StagingFolderCheckTest {
    @TempDir
    Path dir;

    private HealthCheck.Result checkWith(Path stagingDir) {
        FakePluginContext context = FakePluginContext.of("globus").withHostDataDir(dir);
        context.withOptions(new GlobusOptions(context)).withConfig(GlobusKeys.STAGING_DIR, stagingDir.toString());
        return new StagingFolderCheck(context).check();
    }

    @Test
    void aWritableFolderIsUp() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        assertThat(checkWith(staging)).isEqualTo(HealthCheck.Result.healthy("writable"));
    }

    @Test
    void aFolderNotMadeYetIsUpWhenItCanBeMade() {
        HealthCheck.Result result = checkWith(dir.resolve("not").resolve("yet"));
        assertThat(result.healthy()).isTrue();
        assertThat(result.message()).isEqualTo("not made yet (the first transfer makes it)");
    }

    @Test
    void aFolderThatCannotBeMadeIsDownAndItsMessageNamesNoPath() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        HealthCheck.Result result = checkWith(file.resolve("staging"));
        assertThat(result.healthy()).isFalse();
        assertThat(result.message()).isEqualTo("the staging folder does not exist and cannot be made")
                .doesNotContain(dir.toString());
        assertThat(checkWith(file).healthy()).as("a file where the folder should be").isFalse();
    }
}
