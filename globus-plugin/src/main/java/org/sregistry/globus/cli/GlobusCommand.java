package org.sregistry.globus.cli;

import java.util.concurrent.Callable;
import org.sregistry.globus.connection.GlobusServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code registry globus}: the parent of the Globus subcommands. Subcommands are created by picocli and reach
 * the plugin's services through their {@code @ParentCommand} (this object).
 */
@Command(name = "globus", mixinStandardHelpOptions = true,
        description = "Connect the registry to Globus: log in, check the connection, create the registry's endpoint.",
        subcommands = {UpdateTokensCommand.class, StatusCommand.class, CreateEndpointCommand.class,
                LogoutCommand.class, ConsentCommand.class})
public final class GlobusCommand implements Callable<Integer> {
    private final GlobusServices services;

    @Spec
    CommandSpec spec;

    /** The command over these services. */
    public GlobusCommand(GlobusServices services) {
        this.services = services;
    }

    /** The plugin's services. */
    GlobusServices services() {
        return services;
    }

    /** Without a subcommand: usage, and the usage-error exit code. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: choose one of update-tokens, status, create-endpoint, logout, consent.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
