package org.sregistry.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledPluginsTest {
    @TempDir
    Path dir;

    @Test
    void theDistributionFolderGivesItsJarsByName() throws Exception {
        Files.writeString(dir.resolve("zeta-plugin-1.0.jar"), "z");
        Files.writeString(dir.resolve("globus-plugin-0.1.0.jar"), "g");
        Files.writeString(dir.resolve(".half-copied.jar"), "x");
        Files.writeString(dir.resolve("README.txt"), "not a jar");
        Files.createDirectory(dir.resolve("folder.jar"));

        assertThat(BundledPlugins.distribution(dir.toString()))
                .containsExactly(dir.resolve("globus-plugin-0.1.0.jar"), dir.resolve("zeta-plugin-1.0.jar"));
    }

    @Test
    void noPropertyOrNoFolderMeansNoJars() {
        assertThat(BundledPlugins.distribution(null)).isEmpty();
        assertThat(BundledPlugins.distribution(" ")).isEmpty();
        assertThat(BundledPlugins.distribution(dir.resolve("missing").toString())).isEmpty();
    }

    @Test
    void forRunReadsTheLaunchersProperty() throws Exception {
        Files.writeString(dir.resolve("globus-plugin-0.1.0.jar"), "g");
        String before = System.getProperty(BundledPlugins.DIR_PROPERTY);
        System.setProperty(BundledPlugins.DIR_PROPERTY, dir.toString());
        try {
            assertThat(BundledPlugins.forRun(false)).containsExactly(dir.resolve("globus-plugin-0.1.0.jar"));
            System.clearProperty(BundledPlugins.DIR_PROPERTY);
            assertThat(BundledPlugins.forRun(false)).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(BundledPlugins.DIR_PROPERTY);
            } else {
                System.setProperty(BundledPlugins.DIR_PROPERTY, before);
            }
        }
    }
}
