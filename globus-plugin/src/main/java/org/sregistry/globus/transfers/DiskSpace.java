package org.sregistry.globus.transfers;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sregistry.api.InsufficientStorageException;

/** Full disks, named as such: free space of a folder, and "no space left" failures turned into 507s. */
public final class DiskSpace {
    private DiskSpace() {
    }

    /** Usable bytes in {@code folder}'s file system (its nearest existing parent's), or -1 when unknown. */
    public static long usable(Path folder) {
        Path p = folder.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? -1 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** True when {@code a} and {@code b} (existing paths) are on the same file system. */
    public static boolean sameFileSystem(Path a, Path b) {
        try {
            return Files.getFileStore(a).equals(Files.getFileStore(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a 507 when {@code folder} has less than {@code needed} bytes free. */
    public static void require(Path folder, long needed) throws InsufficientStorageException {
        long free = usable(folder);
        if (free >= 0 && free < needed) {
            throw new InsufficientStorageException(folder, free, needed);
        }
    }

    /** True for "no space left on device" and "disk quota exceeded", whatever shape the JDK gave them. */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InsufficientStorageException) {
                return true;
            }
            String text = t instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : t.getMessage();
            if (text != null) {
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left") || lower.contains("quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@link InsufficientStorageException} in {@code e}'s causes, or null. */
    public static InsufficientStorageException named(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InsufficientStorageException ise) {
                return ise;
            }
        }
        return null;
    }

    /**
     * {@code e} as a 507 naming {@code folder} when it says the disk is full (the original kept as its cause),
     * else {@code e} itself.
     */
    public static IOException named(IOException e, Path folder, long needed) {
        if (e instanceof InsufficientStorageException || !isFull(e)) {
            return e;
        }
        InsufficientStorageException full = new InsufficientStorageException(folder, Math.max(usable(folder), 0),
                needed);
        full.initCause(e);
        return full;
    }
}
