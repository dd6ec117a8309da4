package org.sregistry.host.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code serve} (also accepted by the bare {@code registry} command, which serves). */
public final class ServeFlags {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--enable-plugin", paramLabel = "ID",
            description = "Enable a plugin (repeatable); same as PLUGIN_<ID>_ENABLED=true.")
    List<String> enablePlugins = new ArrayList<>();

    @Option(names = "--globus", description = "Enable the Globus plugin (= --enable-plugin globus).")
    boolean globus;

    /** Plugin ids enabled by flags. */
    public List<String> enabledPlugins() {
        List<String> ids = new ArrayList<>(enablePlugins);
        if (globus) {
            ids.add("globus");
        }
        return ids;
    }
}
