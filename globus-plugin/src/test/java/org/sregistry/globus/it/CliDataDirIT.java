package org.sregistry.globus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.Main;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Client commands touch no data dir: {@code images ...} only talks to a server, and loading plugins for their
 * commands (or for help) writes nothing — no config file, no generated robot name, no copy of a plugin jar — whether
 * the plugin is enabled or not.
 */
class CliDataDirIT {
    @RegisterExtension
    static RegistryExtension server = RegistryExtension.builder().build();

    @TempDir
    static Path dir;
    static Path plugins;

    @BeforeAll
    static void plugins() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(PluginJar.path(), plugins.resolve(PluginJar.path().getFileName()));
    }

    private static int registry(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(out);
        System.setErr(out);
        try {
            return Main.run(args, out, out);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    private static String[] with(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--plugins-dir", plugins.toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void imagesCommandsOnlyTalkToTheServer() throws Exception {
        Path dataDir = dir.resolve("client-data");
        String url = server.server().baseUri().toString();
        Path image = GlobusFixture.sif(dir.resolve("hello.sif"), "hello");
        String[] login = {"--url", url, "--user", "admin", "--password", server.adminPassword()};

        assertThat(registry(with(dataDir, concat(new String[] {"images", "push", image.toString(), "--name",
                "demo/hello:1"}, login)))).isZero();
        assertThat(registry(with(dataDir, concat(new String[] {"images", "list"}, login)))).isZero();
        assertThat(registry(with(dataDir, concat(new String[] {"images", "pull", "demo/hello:1", "-o",
                dir.resolve("pulled.sif").toString()}, login)))).isZero();

        assertThat(dir.resolve("pulled.sif")).exists();
        assertThat(dataDir).as("no data dir for a client command").doesNotExist();
    }

    @Test
    void pluginCommandsAndHelpWriteNothingForAPluginThatIsNotEnabled() {
        Path dataDir = dir.resolve("never-served");

        assertThat(registry(with(dataDir, "globus", "status"))).as("not mounted: a usage error").isEqualTo(2);
        registry(with(dataDir, "--help"));
        registry(with(dataDir, "help"));

        assertThat(dataDir).as("no config file, robot name, jar copy or plugin folder").doesNotExist();
    }

    @Test
    void aCommandOfThePluginEnabledForOneRunWritesNoConfigurationEither() {
        Path dataDir = dir.resolve("enabled-once");

        assertThat(registry(with(dataDir, "--globus", "globus", "status"))).as("not connected").isEqualTo(1);

        assertThat(dataDir.resolve("registry.properties")).as("no generated robot name").doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
