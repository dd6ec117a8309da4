package org.sregistry.host.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The config file ({@code registry.properties}): read lazily and again whenever another process
 * (the CLI, an editor) changed it, written atomically (temp file + rename).
 */
public final class ConfigFile {
    private final Path path;
    private Map<String, String> values = Map.of();
    private FileTime loadedModified;
    private long loadedSize = -1;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** The file's location. */
    public Path path() {
        return path;
    }

    /** The value in the file, re-reading it if it changed on disk. */
    public synchronized String get(String key) {
        refreshIfChanged();
        return values.get(key);
    }

    /** A snapshot of every key in the file. */
    public synchronized Map<String, String> all() {
        refreshIfChanged();
        return Map.copyOf(values);
    }

    /** Sets (or, with a null value, removes) a key and rewrites the file atomically. */
    public synchronized void put(String key, String value) {
        refreshIfChanged();
        Map<String, String> updated = new TreeMap<>(values);
        if (value == null) {
            updated.remove(key);
        } else {
            updated.put(key, value);
        }
        write(updated);
        values = Map.copyOf(updated);
        remember();
    }

    private void refreshIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            Map<String, String> read = new TreeMap<>();
            props.forEach((k, v) -> read.put(k.toString().trim(), v.toString().trim()));
            values = Map.copyOf(read);
            loadedModified = modified;
            loadedSize = size;
        } catch (NoSuchFileException e) {
            values = Map.of();
            loadedModified = null;
            loadedSize = -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path, e);
        }
    }

    private void remember() {
        try {
            loadedModified = Files.getLastModifiedTime(path);
            loadedSize = Files.size(path);
        } catch (IOException e) {
            loadedModified = null;
        }
    }

    /** Properties syntax, sorted by key so the file stays diff-friendly. */
    private static String render(Map<String, String> content) throws IOException {
        StringBuilder text = new StringBuilder("# Registry configuration. Values saved from the admin page are written here too.\n");
        for (Map.Entry<String, String> entry : new TreeMap<>(content).entrySet()) {
            Properties one = new Properties();
            one.setProperty(entry.getKey(), entry.getValue());
            java.io.StringWriter line = new java.io.StringWriter();
            one.store(line, null);
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    private void write(Map<String, String> content) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".registry", ".properties.tmp");
            Files.writeString(tmp, render(content), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write config file " + path, e);
        }
    }
}
