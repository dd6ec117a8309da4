package org.sregistry.host.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code <data-dir>/demo-settings.properties}: the start-flag values a running {@code --demo} server uses (the
 * simulator's service roots on this run's port, the client id, the demo endpoint, staging, the plugin switched on),
 * written by the demo launcher when it starts and removed when it stops. CLI commands on that data dir apply them
 * as start flags, so {@code registry --data-dir demo-data globus status} sees the same configuration as the demo
 * server (see {@link org.sregistry.host.cli.ServeCommand#optionsFor}). No secrets are in it.
 */
public final class DemoSettings {
    /** The file's name in the data dir. */
    public static final String FILE = "demo-settings.properties";

    private DemoSettings() {
    }

    /** The file for a data dir. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** Writes the settings (atomically). */
    static void write(Path dataDir, Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        Path target = file(dataDir);
        try {
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, ".demo-settings", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(out, "written by 'registry --demo' while it runs; removed when it stops");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Removes the file (the demo stopped). */
    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            // a stale file only points CLI commands at a simulator that no longer answers
        }
    }

    /** The settings of a demo server running on {@code dataDir}, or none. */
    public static Map<String, String> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }
}
