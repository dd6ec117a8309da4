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

    @Option(names = "--demo", scope = ScopeType.INHERIT, description = "Demo mode: the Globus plugin against a built-in"
            + " Globus simulator with demo endpoints and images (data dir default: ./demo-data). With a command such as"
            + " 'globus status': that command on the demo's data dir, with the running demo's settings.")
    boolean demo;

    @Option(names = "--dev", scope = ScopeType.INHERIT, description = "Development mode: also load the plugin jars"
            + " built in this source tree (globus-plugin/target/globus-plugin-*.jar), which a rebuild replaces live."
            + " --demo implies it. Jars in the plugins folder win.")
    boolean dev;

    /** The data dir, defaulting to {@code ./data} ({@code ./demo-data} with {@code --demo}). */
    public Path dataDir() {
        return dataDir != null ? dataDir : Path.of(demo ? "demo-data" : "data");
    }

    /** True with {@code --demo}. */
    public boolean demo() {
        return demo;
    }

    /** True with {@code --dev}, or with {@code --demo} (the demo runs the Globus plugin built in the checkout). */
    public boolean dev() {
        return dev || demo;
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
