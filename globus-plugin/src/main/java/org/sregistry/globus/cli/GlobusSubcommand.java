package org.sregistry.globus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.connection.GlobusServices;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Shared plumbing of the Globus subcommands: output streams, the plugin's services, and turning failures into a
 * plain message and exit code 1 (never a stack trace; tokens never appear in messages).
 */
abstract class GlobusSubcommand implements Callable<Integer> {

    @ParentCommand
    GlobusCommand parent;

    @Spec
    CommandSpec spec;

    /** Does the work; answers the exit code. */
    abstract int run() throws IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (GlobusNotConfiguredException e) {
            err().println(e.getMessage());
        } catch (GlobusApiException e) {
            err().println(e.networkError()
                    ? "Cannot reach Globus: " + e.globusMessage()
                    : "Globus refused the request: " + e.getMessage());
        } catch (UncheckedIOException e) {
            err().println("File problem: " + e.getMessage());
        } catch (IOException e) {
            err().println("File problem: " + e);
        }
        err().flush();
        return 1;
    }

    GlobusServices services() {
        return parent.services();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The command line for another subcommand, with this registry's data dir. */
    String command(String subcommand) {
        return services().cliCommand(subcommand);
    }
}
