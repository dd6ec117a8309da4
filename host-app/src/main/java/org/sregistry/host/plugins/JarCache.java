package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies plugins are loaded from, so the jar in {@code plugins/} can be replaced or deleted at any time. Each
 * load of a new file gets its own copy (never one reused by name); a copy is deleted with its plugin's class loader
 * ({@link RetiredLoaders}). Copies left by an earlier run are removed when the cache is made.
 */
final class JarCache {
    private static final Logger LOG = LoggerFactory.getLogger(JarCache.class);
    private final Path folder;
    private final AtomicLong copies = new AtomicLong();

    JarCache(Path folder) {
        this.folder = folder;
        removeStale();
    }

    /** The folder (PF4J's root). */
    Path folder() {
        return folder;
    }

    /** A copy of {@code found}, or null when the file changed while it was copied (the next scan takes it). */
    Path copy(PluginFolders.Found found) throws IOException {
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".copy", ".tmp");
        try {
            Files.copy(found.jar(), tmp, StandardCopyOption.REPLACE_EXISTING);
            if (!PluginFolders.fingerprint(found.jar()).equals(found.fingerprint())) {
                return null;
            }
            String name = found.jar().getFileName().toString().replaceAll("\\.jar$", "") + "-"
                    + copies.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()) + ".jar";
            Path copy = folder.resolve(name);
            Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void removeStale() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") || name.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.debug("Old plugin jar copies left in {}: {}", folder, e.toString());
        }
    }
}
