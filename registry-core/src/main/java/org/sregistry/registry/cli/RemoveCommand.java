package org.sregistry.registry.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code images rm URI}. */
@Command(name = "rm", description = "Remove an image.", mixinStandardHelpOptions = true)
final class RemoveCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "The image, e.g. demo/lolcow:latest.")
    String uri;

    @Override
    void run(RegistryClient client) throws IOException {
        checkUri(uri);
        client.remove(uri);
        spec.commandLine().getOut().printf("removed %s%n", uri);
        spec.commandLine().getOut().flush();
    }
}
