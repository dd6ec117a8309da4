package org.sregistry.host.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.sregistry.host.Main;
import org.sregistry.host.secrets.Keyring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code registry secrets ...}: the keyring that seals plugins' stored secrets ({@link Keyring}). */
@Command(name = "secrets", description = "The keyring that seals stored secrets (<data-dir>/secrets/keyring.json).",
        mixinStandardHelpOptions = true, subcommands = {RotateKeyCommand.class, RetireKeysCommand.class})
public final class SecretsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error (exit 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: rotate or retire");
    }

    /** The keyring of the data dir named on the command line; empty (and said on stderr) when there is no data dir. */
    static Optional<Keyring> keyring(CommandSpec subcommand, String name) {
        Main main = (Main) subcommand.parent().parent().userObject();
        Path dataDir = main.commonOptions().dataDir();
        if (!Files.isDirectory(dataDir)) {
            PrintWriter err = subcommand.commandLine().getErr();
            err.println("registry secrets " + name + ": no data dir at " + dataDir.toAbsolutePath()
                    + " (start the server once, or name it with --data-dir)");
            return Optional.empty();
        }
        return Optional.of(new Keyring(dataDir, Clock.systemUTC()));
    }
}
