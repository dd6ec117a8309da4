package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.Main;
import org.sregistry.host.testkit.RegistryProcess;
import org.sregistry.host.testkit.TestPlugins;

/** The {@code registry} command line: usage errors, help, and plugin subcommands. */
class CommandLineIT {
    @TempDir
    Path dataDir;

    @Test
    void anUnknownFlagPrintsUsageAndExitsWithTwo() {
        Run run = run("--bogus");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("Unknown option: '--bogus'", "Usage: registry");
    }

    @Test
    void helpListsCommandsAndFlagsIncludingPluginCommands() throws Exception {
        dropSamplePlugin();
        enableSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "--help");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("serve", "images", "sample", "Say hello from the sample plugin", "sample-records",
                "--port", "--bind", "--data-dir", "--config", "--plugins-dir", "--enable-plugin", "--globus", "--dev");
    }

    @Test
    void jarsBuiltInTheSourceTreeAreLoadedInDevelopmentModeOnly() throws Exception {
        // a checkout whose globus-plugin module was built (the sample plugin stands in for it)
        Path checkout = dataDir.resolve("checkout");
        Path target = Files.createDirectories(checkout.resolve("globus-plugin").resolve("target"));
        Files.copy(TestPlugins.sample(), target.resolve("globus-plugin-0.1.0.jar"));
        String data = checkout.resolve("data").toString();
        Files.createDirectories(Path.of(data));
        Files.writeString(Path.of(data, "registry.properties"), "PLUGIN_SAMPLE_ENABLED=true\n");

        RegistryProcess.Result plain = RegistryProcess.run(checkout, "--data-dir", data, "--help");
        assertThat(plain.code()).isZero();
        assertThat(plain.out()).doesNotContain("Say hello from the sample plugin");
        RegistryProcess.Result dev = RegistryProcess.run(checkout, "--dev", "--data-dir", data, "--help");
        assertThat(dev.code()).isZero();
        assertThat(dev.out()).contains("Say hello from the sample plugin");
    }

    @Test
    void aPluginCommandRunsAgainstTheDataDir() throws Exception {
        dropSamplePlugin();
        enableSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "sample", "--name", "Ada");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("hello, Ada", "cli true", dataDir.toString());
    }

    @Test
    void aPluginCommandWithoutItsRequiredOptionIsAUsageError() throws Exception {
        dropSamplePlugin();
        enableSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "sample");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("Missing required option: '--name");
    }

    @Test
    void theCommandsOfAPluginThatIsNotEnabledAreNotMountedAndTheErrorNamesThePlugin() throws Exception {
        dropSamplePlugin();

        Run help = run("--data-dir", dataDir.toString(), "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).doesNotContain("Say hello from the sample plugin", "sample-records")
                .contains("Plugins whose commands are not available here:",
                        "sample (not enabled; PLUGIN_SAMPLE_ENABLED=true enables it)");

        Run run = run("--data-dir", dataDir.toString(), "sample", "--name", "Ada");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.out).doesNotContain("hello");
        assertThat(run.err).contains("registry: 'sample' is a command of the plugin sample, which is not enabled."
                        + " Enable it with PLUGIN_SAMPLE_ENABLED=true in " + dataDir.resolve("registry.properties"),
                "Usage: registry").doesNotContain("\tat ");
        assertThat(dataDir.resolve("registry.properties")).doesNotExist();
        assertThat(dataDir.resolve("plugin-data")).doesNotExist();

        Run once = run("--data-dir", dataDir.toString(), "--enable-plugin", "sample", "sample", "--name", "Ada");
        assertThat(once.code).as("enabled for this run only").isZero();
        assertThat(once.out).contains("hello, Ada");
        assertThat(dataDir.resolve("registry.properties")).doesNotExist();
    }

    @Test
    void theCommandOfAPluginThatFailedToStartSaysWhyAndExitsOne() throws Exception {
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(TestPlugins.failing(), dataDir.resolve("plugins").resolve("failing-plugin.jar"));
        Run run = run("--data-dir", dataDir.toString(), "--enable-plugin", "failing", "failing");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("registry: 'failing' is a command of the plugin failing, which is enabled but"
                + " failed to start:", "failing plugin refuses to start").doesNotContain("Usage:");
    }

    @Test
    void aMethodSubcommandRunsWithItsPluginsClassLoaderAndReachesTheRegistryAndTheStore() throws Exception {
        dropSamplePlugin();
        enableSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "sample-records", "count");
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("images 0, visits 0, context loader is the plugin's true");
        assertThat(run.err).doesNotContain("Exception");
    }

    @Test
    void runningAPluginCommandLeavesTheConfigFileAsItWas() throws Exception {
        dropSamplePlugin();
        Path config = dataDir.resolve("registry.properties");
        // an enabled plugin with a generated default (PLUGIN_SAMPLE_NICKNAME): the server writes it, the CLI never
        Files.writeString(config, "# mine\nPLUGIN_SAMPLE_ENABLED=true\nPLUGIN_SAMPLE_GREETING=howdy\n");
        byte[] before = Files.readAllBytes(config);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(config);

        assertThat(run("--data-dir", dataDir.toString(), "sample", "--name", "Ada").out).contains("howdy, Ada");
        assertThat(run("--data-dir", dataDir.toString(), "sample-records", "count").code).isZero();
        assertThat(run("--data-dir", dataDir.toString(), "--help").code).isZero();

        assertThat(Files.readAllBytes(config)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(config)).isEqualTo(modified);
        assertThat(dataDir.resolve("registry.properties.lock")).as("not even locked for writing").doesNotExist();
    }

    @Test
    void aPortInUseIsOneLineAndExitOneWithNothingWrittenToTheDataDir() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path fresh = dataDir.resolve("fresh");
            RegistryProcess.Result run = RegistryProcess.run(dataDir, "--data-dir", fresh.toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.errLines()).containsExactly("registry: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use (pick another with --port, or --port 0 for any free one)");
            assertThat(run.out()).isEmpty();
            assertThat(fresh).doesNotExist();
            assertThat(dataDir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        RegistryProcess.Result run = RegistryProcess.run(dataDir, "--data-dir", dataDir.resolve("d").toString(),
                "--port", "99999");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--port must be 0-65535, got 99999", "Usage: registry").doesNotContain("\tat ");
        assertThat(dataDir.resolve("d")).doesNotExist();
    }

    @Test
    void aBadServerUrlIsAUsageError() {
        RegistryProcess.Result run = RegistryProcess.run(dataDir, "images", "list", "--url", "notaurl");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'notaurl'", "Usage: registry images list").doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void aServerThatIsNotThereIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RegistryProcess.Result run = RegistryProcess.run(dataDir, "images", "list", "--url", "http://127.0.0.1:" + port + "/");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1).allSatisfy(l -> assertThat(l).contains("cannot connect"));
    }

    private void enableSamplePlugin() throws Exception {
        Files.writeString(dataDir.resolve("registry.properties"), "PLUGIN_SAMPLE_ENABLED=true\n");
    }

    private void dropSamplePlugin() throws Exception {
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(TestPlugins.sample(), dataDir.resolve("plugins").resolve("sample-plugin.jar"));
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o); // plugin commands print to System.out
            int code = Main.run(args, o, e);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previousOut);
        }
    }

    private record Run(int code, String out, String err) {
    }
}
