package org.sregistry.api;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a full or unwritable folder from other write failures, so that the user is told which
 * folder to fix instead of "internal error".
 *
 * <pre>{@code
 * try {
 *     Files.copy(in, staged);
 * } catch (IOException e) {
 *     Files.deleteIfExists(staged);
 *     throw StorageErrors.classify(e, staged.getParent(), size);
 * }
 * }</pre>
 *
 * <p>"Full" is decided from the write's own error (ENOSPC "No space left on device" or EDQUOT
 * "Disk quota exceeded") and confirmed by the folder's usable space: when less than
 * {@link #FULL_BELOW_BYTES} is left the failure counts as a full disk even if the message is in
 * another language — unless the failure says the folder is read-only or forbidden, which is
 * "not writable" however little space is left. Only classify failures of writes: a read error on a
 * nearly full disk is no disk full.
 */
public final class StorageErrors {
    /** A failed write in a folder with less usable space than this is a full disk, whatever it said. */
    public static final long FULL_BELOW_BYTES = 1L << 20;

    private StorageErrors() {
    }

    /**
     * The exception to throw for a failed write into {@code folder}: an
     * {@link InsufficientStorageException} (with the free space measured now), a
     * {@link FolderNotWritableException}, or {@code failure} itself. The answer carries
     * {@code failure} as its cause.
     *
     * @param neededBytes bytes the write needed, or -1 when unknown
     */
    public static IOException classify(IOException failure, Path folder, long neededBytes) {
        if (failure instanceof InsufficientStorageException || failure instanceof FolderNotWritableException) {
            return failure;
        }
        IOException answer;
        if (isOutOfSpace(failure, folder)) {
            answer = new InsufficientStorageException(folder, usableBytes(folder), neededBytes);
        } else if (isNotWritable(failure)) {
            answer = new FolderNotWritableException(folder, notWritableReason(failure));
        } else {
            return failure;
        }
        answer.initCause(failure);
        return answer;
    }

    /** True when a failed write into {@code folder} ran out of space (see the class comment). */
    public static boolean isOutOfSpace(IOException failure, Path folder) {
        if (failure instanceof InsufficientStorageException || saysNoSpace(failure)) {
            return true;
        }
        if (isNotWritable(failure)) {
            return false; // a read-only or forbidden folder says so; its free space is beside the point
        }
        long usable = usableBytes(folder);
        return usable >= 0 && usable < FULL_BELOW_BYTES;
    }

    /** True when a write failed for permissions or a read-only file system. */
    public static boolean isNotWritable(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FolderNotWritableException || t instanceof AccessDeniedException) {
                return true;
            }
            String message = lower(t);
            if (message.contains("read-only file system") || message.contains("permission denied")) {
                return true;
            }
        }
        return false;
    }

    /** Usable bytes for this process in {@code folder}'s file system (or its nearest existing parent); -1 when unknown. */
    public static long usableBytes(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return -1;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    private static boolean saysNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = lower(t);
            if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    private static String notWritableReason(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (t instanceof FileSystemException fse && fse.getReason() != null) {
                return fse.getReason();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String lower(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
