package org.sregistry.host.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin author sees when the kit is run as a unit test, before the jar is built. */
class RegistryExtensionTest {

    @Test
    void aMissingPluginJarSaysToRunTheTestUnderFailsafe() {
        RegistryExtension registry = RegistryExtension.builder().plugin(Path.of("target/not-built-yet.jar"))
                .enable("my").build();
        assertThatThrownBy(registry::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target/not-built-yet.jar does not exist")
                .hasMessageContaining("after the package phase")
                .hasMessageContaining("maven-failsafe-plugin")
                .hasMessageContaining("FakePluginContext");
        registry.close();
    }

    @Test
    void aFolderIsNotAPluginJar(@TempDir Path classes) {
        RegistryExtension registry = RegistryExtension.builder().plugin(classes).build();
        assertThatThrownBy(registry::start).hasMessageContaining("(it is a folder)");
        registry.close();
    }
}
