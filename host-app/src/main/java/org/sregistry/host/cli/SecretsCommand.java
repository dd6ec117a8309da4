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

    /**
     * Records a keyring change in the audit log as {@code cli:<os user>} (the database the server uses,
     * migrated as at start); a database that cannot be opened is said on stderr and does not undo the change.
     */
    static void audit(CommandSpec subcommand, String action, java.util.Map<String, String> details) {
        Main main = (Main) subcommand.parent().parent().userObject();
        org.sregistry.host.ServerOptions options = ServeCommand.optionsFor(main.commonOptions());
        try (org.sregistry.registry.db.Database database = org.sregistry.host.RegistryServer.openDatabase(options,
                org.sregistry.host.RegistryServer.configFor(options));
             org.sregistry.host.audit.Audit audit = new org.sregistry.host.audit.Audit(database,
                     new org.sregistry.host.users.UserStore(database, options.clock()), options.clock())) {
            audit.record(null, CliAccess.actor(), null, action, "keyring",
                    org.sregistry.host.audit.Audit.Outcome.OK, details);
        } catch (RuntimeException e) {
            subcommand.commandLine().getErr().println("note: the change was made but not recorded in the audit log: "
                    + e.getMessage());
        }
    }
}
