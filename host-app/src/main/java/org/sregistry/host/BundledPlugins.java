package org.sregistry.host;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plugin jars built in this repository, for development mode ({@code --dev}, and {@code --demo}) only: run from a
 * checkout ({@code java -jar host-app/target/registry.jar}), {@code globus-plugin/target/globus-plugin-*.jar}
 * next to the working directory or next to {@code host-app/}. Never used otherwise, so a registry run outside the
 * repository (or from a copy of it) loads only what is in its plugins folder. Jars in the plugins folder win.
 */
public final class BundledPlugins {
    private static final List<String> MODULES = List.of("globus-plugin");

    private BundledPlugins() {
    }

    /** The plugin jars built in this checkout. */
    public static List<Path> find() {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(Path.of("").toAbsolutePath());
        jarLocation().ifPresent(jar -> {
            // host-app/target/registry.jar -> repository root
            Path target = jar.getParent();
            if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
                roots.add(target.getParent().getParent());
            }
        });
        List<Path> jars = new ArrayList<>();
        for (Path root : roots) {
            for (String module : MODULES) {
                Path dir = root.resolve(module).resolve("target");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, module + "-*.jar")) {
                    for (Path jar : stream) {
                        String name = jar.getFileName().toString();
                        if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar")
                                && !jars.contains(jar.toAbsolutePath().normalize())) {
                            jars.add(jar.toAbsolutePath().normalize());
                        }
                    }
                } catch (IOException e) {
                    // an unreadable build folder just means no bundled plugin
                }
            }
        }
        return jars;
    }

    private static java.util.Optional<Path> jarLocation() {
        try {
            Path location = Path.of(BundledPlugins.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? java.util.Optional.of(location) : java.util.Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
