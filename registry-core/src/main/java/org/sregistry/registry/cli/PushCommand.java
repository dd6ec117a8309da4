package org.sregistry.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageNameParser;
import org.sregistry.api.InvalidImageNameException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code images push FILE --name URI}: uploads a file (streamed). */
@Command(name = "push", description = "Upload an image file.", mixinStandardHelpOptions = true)
final class PushCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The image file (.sif, .simg, ...).")
    Path file;

    @Option(names = {"-n", "--name"}, paramLabel = "URI",
            description = "collection/name:tag (default: derived from the file name).")
    String name;

    @Override
    void run(RegistryClient client) throws IOException {
        ImageName target;
        try {
            target = name == null ? ImageNameParser.fromFileName(file.getFileName().toString()) : ImageNameParser.parse(name);
        } catch (InvalidImageNameException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (target.version() != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--name takes no @version: the server computes it");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        JsonNode image;
        try {
            image = client.push(file, target);
        } catch (RegistryClientException e) {
            throw new RegistryClientException(e.status(), file.getFileName() + " was not pushed: " + e.getMessage());
        }
        spec.commandLine().getOut().printf("pushed %s (%d bytes)%n", image.get("uri").asText(), image.get("size").asLong());
        spec.commandLine().getOut().flush();
    }
}
