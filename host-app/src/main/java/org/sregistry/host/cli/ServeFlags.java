package org.sregistry.host.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The flags of {@code serve} (also accepted by the bare {@code registry} command, which serves). */
public final class ServeFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int port;

    /** A port outside 0-65535 is a usage error (exit 2), not a stack trace from the socket. */
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 1-65535; 0 picks any free port (default: ${DEFAULT-VALUE}).")
    void port(int value) {
        if (value < 0 || value > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0-65535, got " + value);
        }
        port = value;
    }

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
