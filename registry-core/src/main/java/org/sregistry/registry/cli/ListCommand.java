package org.sregistry.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code images list [--query Q]}: one line per image: URI, size, last update. */
@Command(name = "list", description = "List images.", mixinStandardHelpOptions = true)
final class ListCommand extends ClientCommand {
    @Option(names = {"-q", "--query"}, description = "Only images whose URI contains this text.")
    String query = "";

    @Option(names = "--limit", description = "At most this many (1-1000, default ${DEFAULT-VALUE}).", defaultValue = "100")
    int limit;

    @Option(names = "--sort", description = "name, newest, oldest or size (default ${DEFAULT-VALUE}).", defaultValue = "newest")
    String sort;

    @Override
    void run(RegistryClient client) throws IOException {
        JsonNode page = client.list(query, limit, 0, sort);
        PrintWriter out = spec.commandLine().getOut();
        for (JsonNode image : page.get("items")) {
            out.printf("%s\t%d\t%s%n", image.get("uri").asText(), image.get("size").asLong(),
                    image.get("updated_at").asText());
        }
        long total = page.get("total").asLong();
        if (total > page.get("items").size()) {
            out.printf("(%d of %d shown)%n", page.get("items").size(), total);
        }
        out.flush();
    }
}
