package org.sregistry.registry.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sregistry.api.ImageName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code images pull URI -o FILE}: downloads an image, checks its digest, renames it into place. */
@Command(name = "pull", description = "Download an image.", mixinStandardHelpOptions = true)
final class PullCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "URI", description = "The image, e.g. demo/lolcow:latest.")
    String uri;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: name_tag.sif).")
    Path output;

    @Override
    void run(RegistryClient client) throws IOException {
        checkUri(uri);
        ImageName n = ImageName.parse(uri);
        Path target = output != null ? output : Path.of(n.name() + "_" + n.tag() + ".sif");
        String digest = client.pull(uri, target);
        spec.commandLine().getOut().printf("pulled %s to %s (%s)%n", uri, target, digest);
        spec.commandLine().getOut().flush();
    }
}
