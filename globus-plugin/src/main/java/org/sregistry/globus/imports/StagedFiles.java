package org.sregistry.globus.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.TransferItem;

/**
 * Finds, reads and removes an item's files in the staging folder and the quarantine folder, and never touches
 * anything outside them: paths are mapped by name into the folders, and every look, read and delete goes through
 * a {@link ConfinedFolder}, which refuses links at the file and on the way (checked again at each call).
 */
final class StagedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StagedFiles.class);

    private final StagingArea staging;
    private final Quarantine quarantine;
    private final ConfinedFolder stagingFiles;
    private final ConfinedFolder quarantineFiles;

    StagedFiles(StagingArea staging, Quarantine quarantine) {
        this.staging = staging;
        this.quarantine = quarantine;
        this.stagingFiles = staging.files();
        this.quarantineFiles = quarantine.files();
    }

    /** Where an arriving file lands: its destination path mapped into the staging folder. */
    Optional<Path> arrivedFile(TransferItem item) {
        Optional<Path> byPath = staging.localFileOf(item.destinationPath());
        return byPath.isPresent() ? byPath : inside(item.stagedFile());
    }

    /** The staged copy of a pushed image. */
    Optional<Path> pushedCopy(TransferItem item) {
        Optional<Path> byFile = inside(item.stagedFile());
        return byFile.isPresent() ? byFile : staging.localFileOf(item.sourcePath());
    }

    /** Where a quarantined item's bytes are kept (the quarantine folder, or the staging folder as a fallback). */
    Optional<Path> keptFile(TransferItem item) {
        if (item.keptFile() == null || item.keptFile().isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(item.keptFile()).toAbsolutePath().normalize();
        return quarantine.contains(p) ? Optional.of(p) : inside(item.keptFile());
    }

    /** The folder {@code file} (a path from this class) lies in. */
    ConfinedFolder folderOf(Path file) {
        return quarantineFiles.contains(file) ? quarantineFiles : stagingFiles;
    }

    /** What is at {@code file}: a regular file and its size, nothing, or something refused (a link). */
    ConfinedFolder.Look look(Path file) {
        return folderOf(file).look(file);
    }

    /**
     * Opens {@code file} for reading, never through a link.
     *
     * @throws ConfinedFolder.RefusedException a link at the file or on the way
     */
    InputStream open(Path file) throws IOException {
        return folderOf(file).open(file);
    }

    /** Removes a pushed image's staged copy and any half copy of it. */
    void removePushed(TransferItem item) {
        Optional<Path> copy = pushedCopy(item);
        remove(copy);
        remove(copy.map(staging::partFileOf));
    }

    /** Removes an arrived file wherever the item keeps it (staging and quarantine). */
    void removeArrived(TransferItem item) {
        remove(arrivedFile(item));
        remove(keptFile(item));
    }

    /**
     * Deletes the file if present (a link itself, never its target; nothing behind a linked folder); a failure or a
     * refusal is logged, never thrown (a leftover file is harmless).
     */
    void remove(Optional<Path> file) {
        if (file.isEmpty()) {
            return;
        }
        try {
            folderOf(file.get()).delete(file.get());
        } catch (ConfinedFolder.RefusedException e) {
            LOG.warn("left {} alone: {}", file.get(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", file.get(), e.toString());
        }
    }

    private Optional<Path> inside(String localPath) {
        if (localPath == null || localPath.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(localPath).toAbsolutePath().normalize();
        return p.startsWith(staging.localDir()) && !p.equals(staging.localDir()) ? Optional.of(p) : Optional.empty();
    }
}
