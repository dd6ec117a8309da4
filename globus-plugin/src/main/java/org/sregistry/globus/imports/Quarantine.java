package org.sregistry.globus.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The quarantine folder ({@code <data-dir>/plugin-data/globus/quarantine/}): arrived files that could not be imported
 * within the retry budget are kept here, out of the staging folder (which Globus exposes), until they are imported
 * or an admin discards them. One subfolder per ledger record; files named {@code <item index>-<staged name>}.
 *
 * <p>A file gets here by an atomic rename when the staging folder is on the same file system; across file systems
 * by a copy to a hidden part file, synced, renamed and synced, and only then is the staged file deleted: a crash at
 * any point leaves the bytes in at least one place the ledger item names.
 */
public final class Quarantine {
    /** The first automatic retry of a quarantined file comes after this; each later one waits twice as long. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    /** The longest wait between two automatic retries. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private final Path dir;

    public Quarantine(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The plugin's quarantine folder. */
    static Quarantine of(PluginContext context) {
        return new Quarantine(context.dataDir().resolve("quarantine"));
    }

    public Path dir() {
        return dir;
    }

    /** Where item {@code index} of {@code record}, staged at {@code staged}, is kept. */
    Path placeFor(TransferRecord record, int index, Path staged) {
        String folder = UNSAFE.matcher(String.valueOf(record.key())).replaceAll("_");
        return dir.resolve(folder).resolve(index + "-" + staged.getFileName());
    }

    /** True for a file inside the quarantine folder. */
    boolean contains(Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.startsWith(dir) && !p.equals(dir);
    }

    /**
     * The delay before automatic retry number {@code retry} (0 = the first after quarantine): 1 min, 2, 4, … at
     * most 1 h.
     */
    static Duration backoff(int retry) {
        if (retry >= 6) {
            return LONGEST_WAIT;
        }
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.max(0, retry));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** The quarantine folder's files, read and deleted without following links. */
    ConfinedFolder files() {
        return new ConfinedFolder(dir);
    }

    /**
     * The bytes of a quarantined item: its kept file, or, when a move into quarantine was cut short by a crash, the
     * staged file (moved now, so the item owns exactly one copy). Empty when neither exists. A link in either place
     * is never followed ({@link ConfinedFolder.RefusedException}).
     */
    Optional<Path> locate(TransferItem item, Optional<Path> staged, StagedFiles files) throws IOException {
        Path kept = Path.of(item.keptFile()).toAbsolutePath().normalize();
        ConfinedFolder.Look look = files.look(kept);
        if (look instanceof ConfinedFolder.Refused refused) {
            throw new ConfinedFolder.RefusedException(refused.why());
        }
        if (look instanceof ConfinedFolder.Regular) {
            return Optional.of(kept);
        }
        if (staged.isPresent() && contains(kept)) {
            ConfinedFolder.Look there = files.look(staged.get());
            if (there instanceof ConfinedFolder.Refused refused) {
                throw new ConfinedFolder.RefusedException(refused.why());
            }
            if (there instanceof ConfinedFolder.Regular) {
                move(files.folderOf(staged.get()), staged.get(), kept);
                return Optional.of(kept);
            }
        }
        return Optional.empty();
    }

    /**
     * Moves {@code from} (in {@code folder}, never followed if it is a link) to {@code to} without ever having the
     * bytes in neither place.
     */
    static void move(ConfinedFolder folder, Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (folder.renameTo(from, to)) {
            syncDirectory(to.getParent());
            return;
        }
        // another file system: copy (read without following links), sync, then delete the original
        Path part = to.resolveSibling("." + to.getFileName() + ".part");
        try {
            try (InputStream in = folder.open(from)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(to.getParent());
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        folder.delete(from);
    }

    private static void syncDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform can sync a directory; the rename is still atomic
        }
    }
}
