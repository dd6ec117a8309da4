package org.sregistry.globus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** The plugin jar this build made, and a data dir prepared for CLI runs. */
final class PluginJar {
    private PluginJar() {
    }

    /** {@code target/globus-plugin-<version>.jar} (integration tests run after {@code package}). */
    static Path path() {
        Path jar = Path.of("target/globus-plugin-0.1.0.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn package first");
        }
        return jar;
    }

    /** A data dir with the plugin in its plugins folder and {@code config} in its config file. */
    static Path prepareDataDir(Path dataDir, Map<String, String> config) throws IOException {
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(path(), dataDir.resolve("plugins").resolve(path().getFileName()));
        Files.writeString(dataDir.resolve("registry.properties"), config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        return dataDir;
    }

    /** The plugin's token file in a data dir. */
    static Path tokenFile(Path dataDir) {
        return dataDir.resolve("plugin-data").resolve("globus").resolve("tokens.json");
    }
}
