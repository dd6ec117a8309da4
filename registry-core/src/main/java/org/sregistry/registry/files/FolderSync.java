package org.sregistry.registry.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes a rename or creation in a folder survive a crash or power cut: an fsync of the folder itself. */
public final class FolderSync {
    private static final Logger LOG = LoggerFactory.getLogger(FolderSync.class);

    private FolderSync() {
    }

    /**
     * Syncs {@code dir}. Linux allows it on a folder opened read-only; where a platform does not, the rename is still
     * atomic, so this is best effort.
     */
    public static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("folder fsync not supported for {}: {}", dir, e.toString());
        }
    }
}
