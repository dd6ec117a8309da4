package org.sregistry.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code registry db ...}: the metadata database. */
@Command(name = "db", description = "The registry's metadata database.", mixinStandardHelpOptions = true,
        subcommands = {DbMigrateCommand.class})
public final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error (exit 2). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: migrate");
    }
}
