package org.sregistry.host.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sregistry.host.Main;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.auth.PasswordAccounts;
import org.sregistry.host.users.User;
import org.sregistry.registry.db.Database;
import picocli.CommandLine.Option;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code registry admin set-password [--user NAME]}: sets a local password of a data dir's
 * database (default: the first administrator, {@code admin}). The password is
 * read from the terminal (asked twice, not echoed) or, when stdin is not a terminal, as the first
 * line of stdin ({@code registry admin set-password < file}) — never from the command line,
 * where {@code ps} and shell history would show it. A running server on the same database takes
 * it at once: the user's sessions and remembered Basic logins of the old password end. This is
 * also the way back in when every administrator's password is lost.
 */
@Command(name = "set-password", mixinStandardHelpOptions = true,
        description = "Set a user's password (read from the terminal, or the first line of stdin; default user"
                + " admin); for admin removes initial-admin-password; ends the user's sessions of the old password.")
public final class SetPasswordCommand implements Callable<Integer> {
    private static final int FAILED = 1;

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Option(names = "--user", paramLabel = "NAME", description = "The account (default: ${DEFAULT-VALUE}).")
    String username = PasswordAccounts.FIRST_ADMIN;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main main = (Main) spec.parent().parent().userObject();
        Path dataDir = main.commonOptions().dataDir();
        if (!Files.isDirectory(dataDir)) {
            err.println("registry admin set-password: no data dir at " + dataDir.toAbsolutePath()
                    + " (start the server once, or name it with --data-dir)");
            return FAILED;
        }
        ServerOptions options = ServeCommand.optionsFor(main.commonOptions());
        try (Database database = RegistryServer.openDatabase(options, RegistryServer.configFor(options))) {
            PasswordAccounts accounts = RegistryServer.openAccounts(options, database);
            Optional<User> user = accounts.users().byName(username);
            if (user.isEmpty()) {
                err.println("registry admin set-password: no user " + username + " in " + database.url()
                        + "; the password was not changed");
                return FAILED;
            }
            Optional<String> password = read(err);
            if (password.isEmpty()) {
                return FAILED;
            }
            Optional<String> problem = PasswordAccounts.problem(password.get());
            if (problem.isPresent()) {
                err.println("registry admin set-password: " + problem.get() + "; the password was not changed");
                return FAILED;
            }
            accounts.changePassword(user.get(), password.get());
            try (Audit audit = new Audit(database, accounts.users(), options.clock())) {
                audit.record(null, CliAccess.actor(), null, "auth.password.change", username,
                        Audit.Outcome.OK, java.util.Map.of("via", "registry admin set-password"));
            }
            out.println("password of " + username + " changed for " + dataDir.toAbsolutePath()
                    + (username.equals(PasswordAccounts.FIRST_ADMIN) ? "; initial-admin-password removed" : "")
                    + "; sessions of the old password end now");
            out.flush();
            return 0;
        }
    }

    private Optional<String> read(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New password for " + username + ": ");
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("registry admin set-password: the two passwords differ; the password was not changed");
                return Optional.empty();
            }
            return Optional.of(new String(first));
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            err.println("registry admin set-password: expected the new password on stdin");
            return Optional.empty();
        }
        return Optional.of(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
