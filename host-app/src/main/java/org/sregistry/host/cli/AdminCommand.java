package org.sregistry.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code registry admin ...}: the administrator account. */
@Command(name = "admin", description = "The administrator account.", mixinStandardHelpOptions = true,
        subcommands = {SetPasswordCommand.class})
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error (exit 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: set-password");
    }
}
