package org.sregistry.host.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.Main;
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
        Run run = run("--data-dir", dataDir.toString(), "--help");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("serve", "images", "sample", "--port", "--bind", "--data-dir", "--config",
                "--plugins-dir", "--enable-plugin", "--globus");
    }

    @Test
    void aPluginCommandRunsAgainstTheDataDir() throws Exception {
        dropSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "sample", "--name", "Ada");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("hello, Ada", "cli true", dataDir.toString());
    }

    @Test
    void aPluginCommandWithoutItsRequiredOptionIsAUsageError() throws Exception {
        dropSamplePlugin();
        Run run = run("--data-dir", dataDir.toString(), "sample");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("Missing required option: '--name");
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
