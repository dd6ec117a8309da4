package org.sregistry.host.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sregistry.api.StorageErrors;

/** Writes files that hold secrets: mode 0600 from creation, in a 0700 folder, replaced atomically. */
public final class SecureFiles {
    private SecureFiles() {
    }

    /**
     * Writes {@code text} to {@code target} (created 0600, never readable by others even briefly).
     *
     * @throws org.sregistry.api.InsufficientStorageException when the folder is full (the old file is kept)
     * @throws org.sregistry.api.FolderNotWritableException when the folder refuses writes
     */
    public static void writeString(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            org.sregistry.registry.files.OwnerOnly.folder(dir);
            tmp = posix()
                    ? Files.createTempFile(dir, ".secret", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".secret", ".tmp");
            Files.write(tmp, bytes);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw StorageErrors.classify(e, dir, bytes.length);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
