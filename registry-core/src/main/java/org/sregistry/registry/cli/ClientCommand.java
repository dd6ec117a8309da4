package org.sregistry.registry.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.sregistry.api.ImageNameParser;
import org.sregistry.api.InvalidImageNameException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the subcommands: server options, exit codes (0 ok, 1 server or I/O failure, 2 usage). */
abstract class ClientCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            run(server.client());
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return FAILED;
        }
    }

    abstract void run(RegistryClient client) throws IOException;

    /** Checks a URI typed by the user; a bad one is a usage error (exit 2). */
    void checkUri(String uri) {
        try {
            ImageNameParser.parse(uri);
        } catch (InvalidImageNameException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
