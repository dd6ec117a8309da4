package org.sregistry.host;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a registry server.
 *
 * @param port           0 for any free port
 * @param bind           address to listen on
 * @param dataDir        the data folder
 * @param configFile     the config file (default {@code <data-dir>/registry.properties})
 * @param pluginDirs     plugins folders scanned for jars
 * @param bundledPlugins read-only jars beside the plugins folders (which win over them): the distribution's
 *                       {@code plugins/}, and the jars built in the source tree in development mode ({@code --dev},
 *                       {@code --demo}); see {@link BundledPlugins}
 * @param enabledPlugins ids enabled by start flags
 * @param flagValues     other values set by start flags (highest precedence)
 * @param environment    the environment to read configuration from
 * @param clock          the clock
 * @param banner         a banner every page shows (demo mode), or null
 */
public record ServerOptions(int port, String bind, Path dataDir, Path configFile, List<Path> pluginDirs,
                            List<Path> bundledPlugins, Set<String> enabledPlugins, Map<String, String> flagValues,
                            Map<String, String> environment, Clock clock, String banner) {

    /** Options without a banner. */
    public ServerOptions(int port, String bind, Path dataDir, Path configFile, List<Path> pluginDirs,
                         List<Path> bundledPlugins, Set<String> enabledPlugins, Map<String, String> flagValues,
                         Map<String, String> environment, Clock clock) {
        this(port, bind, dataDir, configFile, pluginDirs, bundledPlugins, enabledPlugins, flagValues, environment,
                clock, null);
    }

    /** The same options with other enabled plugins, flag values and banner. */
    public ServerOptions with(Set<String> enabled, Map<String, String> flags, String newBanner) {
        return new ServerOptions(port, bind, dataDir, configFile, pluginDirs, bundledPlugins, Set.copyOf(enabled),
                Map.copyOf(flags), environment, clock, newBanner);
    }

    /** Defaults for a data dir: loopback, any port, {@code <data-dir>/plugins}. */
    public static ServerOptions forDataDir(Path dataDir) {
        return new ServerOptions(0, "127.0.0.1", dataDir, dataDir.resolve("registry.properties"),
                List.of(dataDir.resolve("plugins")), List.of(), Set.of(), Map.of(), System.getenv(), Clock.systemUTC());
    }
}
