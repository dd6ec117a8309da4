package org.sregistry.globus.transfers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.StorageErrors;

/**
 * The staging folder: the only folder the registry's own Globus endpoint exposes. Pushed images
 * are hard-linked (or copied) in under unique names, pulled files land here under unique names,
 * and endpoint paths map to local files only inside it — the registry's store is never exposed.
 *
 * @param localDir     the folder on this machine (absolute)
 * @param endpointPath the same folder as the registry's endpoint sees it, ending in {@code /}
 */
public record StagingArea(Path localDir, String endpointPath) {
    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    public StagingArea {
        localDir = localDir.toAbsolutePath().normalize();
        endpointPath = endpointPath.endsWith("/") ? endpointPath : endpointPath + "/";
    }

    /** Where per-transfer folders are: {@code t/} in the staging folder. */
    public static final String TRANSFERS = "t";

    /**
     * The folder of one transfer, {@code t/<submission id>/} (made owner-only on first use): on a guest collection
     * each user's transfer gets its own folder and an access rule on exactly that folder.
     */
    public StagingArea forTransfer(String submissionId) {
        if (submissionId == null || !submissionId.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("not a submission id: " + submissionId);
        }
        return new StagingArea(localDir.resolve(TRANSFERS).resolve(submissionId),
                endpointPath + TRANSFERS + "/" + submissionId + "/");
    }

    /** Creates this folder (owner-only when missing), e.g. a transfer's folder before files arrive in it. */
    public void create() throws IOException {
        try {
            createFolder();
        } catch (IOException e) {
            throw StorageErrors.classify(e, localDir, -1);
        }
    }

    /** The staging folder's files, read and deleted without following links (see {@link ConfinedFolder}). */
    public ConfinedFolder files() {
        return new ConfinedFolder(localDir);
    }

    /** The endpoint path of a file in the staging folder. */
    public String endpointPathOf(Path localFile) {
        Path normalized = localFile.toAbsolutePath().normalize();
        if (!normalized.startsWith(localDir) || normalized.equals(localDir)) {
            throw new IllegalArgumentException("not inside the staging folder: " + localFile);
        }
        return endpointPath + localDir.relativize(normalized).toString().replace('\\', '/');
    }

    /**
     * The local file an endpoint path designates, when it lies strictly inside the staging
     * folder (no {@code ..} escape, no other prefix).
     */
    public Optional<Path> localFileOf(String path) {
        if (path == null || !path.startsWith(endpointPath) || path.contains("\0")) {
            return Optional.empty();
        }
        String relative = path.substring(endpointPath.length());
        if (relative.isEmpty() || relative.endsWith("/")) {
            return Optional.empty();
        }
        Path candidate = localDir.resolve(relative).normalize();
        return candidate.startsWith(localDir) && !candidate.equals(localDir) ? Optional.of(candidate) : Optional.empty();
    }

    /** A fresh, unique local path for a file called {@code name} (the file is not created). */
    public Path newFile(String name) throws IOException {
        try {
            createFolder();
        } catch (IOException e) {
            throw StorageErrors.classify(e, localDir, -1);
        }
        String safe = UNSAFE.matcher(name == null || name.isBlank() ? "image.sif" : name).replaceAll("_");
        return localDir.resolve(UUID.randomUUID().toString().substring(0, 8) + "-" + safe);
    }

    /**
     * Puts {@code blob} into the staging folder under a unique name derived from {@code name}:
     * a hard link when on the same file system (no copy of a multi-GB image), else a copy.
     */
    public Path stage(Path blob, String name) throws IOException {
        Path target = newFile(name);
        stageAt(blob, target, () -> { });
        return target;
    }

    /**
     * Creates the staging folder owner-only (0700) when it is missing, so other local users cannot read staged
     * images; a folder that exists keeps the mode its administrator gave it (e.g. for a Globus endpoint running as
     * another user).
     */
    private void createFolder() throws IOException {
        if (Files.isDirectory(localDir)) {
            return;
        }
        if (localDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(localDir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(localDir);
        }
    }

    /** Copies bigger than this call {@code alive} between chunks. */
    private static final long CHUNK = 16L << 20;

    /**
     * Puts {@code blob} at {@code target} (a path from {@link #newFile}): a hard link when on the same file system,
     * else a copy through {@link #partFileOf the part file}, synced, then renamed, so {@code target} never holds half
     * an image. {@code alive} runs between chunks of a long copy (the caller shows it still works on it).
     *
     * @throws org.sregistry.api.InsufficientStorageException the staging folder's disk is full
     */
    public void stageAt(Path blob, Path target, Runnable alive) throws IOException {
        createFolder();
        try {
            Files.createLink(target, blob);
            return;
        } catch (FileSystemException | UnsupportedOperationException e) {
            // another file system (or no hard links): copy
        }
        Path part = partFileOf(target);
        long size = Files.size(blob);
        try (FileChannel in = FileChannel.open(blob, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, Math.min(CHUNK, size - position), out);
                if (n <= 0) {
                    throw new IOException("the image file " + blob + " ended early while staging it");
                }
                position += n;
                alive.run();
            }
            out.force(true);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw StorageErrors.classify(e, localDir, size);
        }
    }

    /**
     * Fails with a 507 naming the staging folder unless it has room for copies of {@code blobs} (those on another
     * file system; a hard link needs none).
     */
    public void requireRoomFor(List<Path> blobs) throws IOException {
        try {
            createFolder();
        } catch (IOException e) {
            throw StorageErrors.classify(e, localDir, -1);
        }
        long needed = 0;
        for (Path blob : blobs) {
            if (!sameFileSystem(blob, localDir)) {
                needed += Files.size(blob);
            }
        }
        long free = StorageErrors.usableBytes(localDir);
        if (free >= 0 && free < needed) {
            throw new InsufficientStorageException(localDir, free, needed);
        }
    }

    /** True when both (existing) paths are on one file system, so a hard link needs no room; false when unsure. */
    private static boolean sameFileSystem(Path a, Path b) {
        try {
            return Files.getFileStore(a).equals(Files.getFileStore(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes staged files (and half copies of them), never through a link; never throws, logs what stays. */
    public void removeAll(List<Path> targets) {
        ConfinedFolder files = files();
        for (Path target : targets) {
            for (Path p : List.of(target, partFileOf(target))) {
                try {
                    files.delete(p);
                } catch (IOException e) {
                    LOG.warn("Could not remove staged copy {}: {}", p, e.getMessage());
                }
            }
        }
    }

    /** The hidden file a copy to {@code target} goes through. */
    public Path partFileOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }
}
