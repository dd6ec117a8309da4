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
import org.sregistry.api.StorageErrors;

/**
 * The config file ({@code registry.properties}): read lazily and again whenever another process
 * (the CLI, an editor) changed it, written atomically (temp file + rename).
 */
public final class ConfigFile {
    /** One lock per file within this JVM (OS file locks are per process and throw if taken twice). */
    private static final Map<Path, Object> JVM_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path path;
    private Map<String, String> values = Map.of();
    private Stamp loaded;

    /** What identifies one version of the file: an atomic replace always changes the file key (inode). */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static Stamp of(Path file) throws IOException {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }

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

    /**
     * Sets (or, with a null value, removes) a key and rewrites the file atomically. Read, change and
     * write happen under an OS lock on {@code <file>.lock}, so the server and a CLI process never
     * lose each other's changes.
     */
    public synchronized void put(String key, String value) {
        Object jvmLock = JVM_LOCKS.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(path.toAbsolutePath().getParent());
                Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                     java.nio.channels.FileLock lock = channel.lock()) {
                    loaded = null; // re-read under the lock, whatever the stamp says
                    refreshIfChanged();
                    Map<String, String> updated = new TreeMap<>(values);
                    if (value == null) {
                        updated.remove(key);
                    } else {
                        updated.put(key, value);
                    }
                    loaded = write(updated);
                    values = Map.copyOf(updated);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write config file " + path,
                        StorageErrors.classify(e, path.toAbsolutePath().getParent(), -1));
            }
        }
    }

    private void refreshIfChanged() {
        try {
            Stamp now = Stamp.of(path);
            if (now.equals(loaded)) {
                return;
            }
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(in);
            }
            Map<String, String> read = new TreeMap<>();
            props.forEach((k, v) -> read.put(k.toString().trim(), v.toString().trim()));
            values = Map.copyOf(read);
            loaded = now;
        } catch (NoSuchFileException e) {
            values = Map.of();
            loaded = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path, e);
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

    /**
     * Writes the file atomically; answers the stamp of what was written (taken before the rename).
     * On failure the old file stays as it was and the temp file is removed; a full or read-only
     * folder is named as such (the cause is an {@code InsufficientStorageException} or
     * {@code FolderNotWritableException}, answered 507).
     */
    private Stamp write(Map<String, String> content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".registry", ".properties.tmp");
            Files.writeString(tmp, render(content), StandardCharsets.UTF_8);
            Stamp written = Stamp.of(tmp); // the rename keeps inode, size and time
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return written;
        } finally {
            if (tmp != null && !moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
