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
 * Plugin jars that come with the registry rather than from its plugins folder, loaded read-only beside it (jars in
 * the plugins folder win over them, whatever their version; among these, the highest version wins):
 * <ul>
 * <li>the distribution's {@code plugins/} folder, which its launcher {@code bin/registry} names with the system
 * property {@value #DIR_PROPERTY}: every {@code *.jar} in it when the command starts;</li>
 * <li>in development mode only ({@code --dev}, and {@code --demo}), the jars built in this repository: run from a
 * checkout ({@code java -jar host-app/target/registry.jar}), {@code globus-plugin/target/globus-plugin-*.jar} next
 * to the working directory or next to {@code host-app/}.</li>
 * </ul>
 * Without either, a registry run outside the repository (or from a copy of it) loads only what is in its plugins
 * folder.
 */
public final class BundledPlugins {
    /** The system property naming the distribution's plugins folder (set by {@code bin/registry}). */
    public static final String DIR_PROPERTY = "registry.bundledPluginsDir";

    private static final List<String> MODULES = List.of("globus-plugin");

    private BundledPlugins() {
    }

    /**
     * The bundled jars for one command: the distribution's (when {@value #DIR_PROPERTY} is set), then, with
     * {@code dev}, the ones built in this checkout.
     */
    public static List<Path> forRun(boolean dev) {
        List<Path> jars = new ArrayList<>(distribution(System.getProperty(DIR_PROPERTY)));
        if (dev) {
            for (Path jar : find()) {
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            }
        }
        return List.copyOf(jars);
    }

    /**
     * The regular {@code *.jar} files of the distribution's plugins folder {@code dir}, by name; none when
     * {@code dir} is null or blank. A folder that does not exist holds none (the launcher always names one; a
     * distribution without plugins is still a registry).
     */
    static List<Path> distribution(String dir) {
        if (dir == null || dir.isBlank()) {
            return List.of();
        }
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                if (!jar.getFileName().toString().startsWith(".") && Files.isRegularFile(jar)) {
                    jars.add(jar.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            return List.of(); // an unreadable folder just means no bundled plugin
        }
        jars.sort(java.util.Comparator.naturalOrder());
        return jars;
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
