package org.sregistry.host.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command shares (inherited by subcommands, including plugins' commands). */
public final class CommonOptions {
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data folder (default: ./data).")
    Path dataDir;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file (default: <data-dir>/registry.properties).")
    Path config;

    @Option(names = "--plugins-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Plugins folder (default: <data-dir>/plugins).")
    Path pluginsDir;

    /** The data dir, defaulting to {@code ./data}. */
    public Path dataDir() {
        return dataDir == null ? Path.of("data") : dataDir;
    }

    /** The config file. */
    public Path config() {
        return config == null ? dataDir().resolve("registry.properties") : config;
    }

    /** The plugins folder. */
    public Path pluginsDir() {
        return pluginsDir == null ? dataDir().resolve("plugins") : pluginsDir;
    }
}
