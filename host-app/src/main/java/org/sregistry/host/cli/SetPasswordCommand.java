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
import org.sregistry.host.auth.AdminAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code registry admin set-password}: sets the admin password of a data dir. The password is
 * read from the terminal (asked twice, not echoed) or, when stdin is not a terminal, as the first
 * line of stdin ({@code registry admin set-password < file}) — never from the command line,
 * where {@code ps} and shell history would show it. A running server on the same data dir takes
 * it at once: its sessions and remembered Basic logins of the old password end.
 */
@Command(name = "set-password", mixinStandardHelpOptions = true,
        description = "Set the admin password (read from the terminal, or the first line of stdin); removes"
                + " initial-admin-password and logs out every session of the old password.")
public final class SetPasswordCommand implements Callable<Integer> {
    private static final int FAILED = 1;

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

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
        Optional<String> password = read(err);
        if (password.isEmpty()) {
            return FAILED;
        }
        Optional<String> problem = AdminAccount.problem(password.get());
        if (problem.isPresent()) {
            err.println("registry admin set-password: " + problem.get() + "; the password was not changed");
            return FAILED;
        }
        AdminAccount.open(dataDir).changePassword(password.get());
        out.println("admin password changed for " + dataDir.toAbsolutePath()
                + "; initial-admin-password removed, sessions of the old password end now");
        out.flush();
        return 0;
    }

    private static Optional<String> read(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("New admin password: ");
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
