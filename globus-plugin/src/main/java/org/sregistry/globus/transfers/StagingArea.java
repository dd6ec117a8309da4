package org.sregistry.globus.transfers;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The staging folder: the only folder the registry's own Globus endpoint exposes. Pushed images
 * are hard-linked (or copied) in under unique names, pulled files land here under unique names,
 * and endpoint paths map to local files only inside it — the registry's store is never exposed.
 *
 * @param localDir     the folder on this machine (absolute)
 * @param endpointPath the same folder as the registry's endpoint sees it, ending in {@code /}
 */
public record StagingArea(Path localDir, String endpointPath) {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    public StagingArea {
        localDir = localDir.toAbsolutePath().normalize();
        endpointPath = endpointPath.endsWith("/") ? endpointPath : endpointPath + "/";
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
        Files.createDirectories(localDir);
        String safe = UNSAFE.matcher(name == null || name.isBlank() ? "image.sif" : name).replaceAll("_");
        return localDir.resolve(UUID.randomUUID().toString().substring(0, 8) + "-" + safe);
    }

    /**
     * Puts {@code blob} into the staging folder under a unique name derived from {@code name}:
     * a hard link when on the same file system (no copy of a multi-GB image), else a copy.
     */
    public Path stage(Path blob, String name) throws IOException {
        Path target = newFile(name);
        try {
            Files.createLink(target, blob);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Path tmp = localDir.resolve("." + target.getFileName() + ".part");
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }
}
