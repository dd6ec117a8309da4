package org.sregistry.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write could not be done because a folder's file system is full (or too full for what was asked).
 * The host answers it as {@code 507 Insufficient Storage}, naming the folder and its free space
 * (JSON under {@code /api/}, an HTML page elsewhere), so a plugin that stages files throws (or lets
 * through) this instead of a generic error.
 *
 * <pre>{@code
 * long free = Files.getFileStore(staging).getUsableSpace();
 * if (free < size) {
 *     throw new InsufficientStorageException(staging, free, size);
 * }
 * // or, around a write that failed: throw StorageErrors.classify(e, staging, size);
 * }</pre>
 *
 * @see StorageErrors#classify
 */
public class InsufficientStorageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final long freeBytes;
    private final long neededBytes;
    private final long keptFreeBytes;

    /**
     * @param folder      the folder that could not take the write
     * @param freeBytes   usable bytes left there (as measured when it failed)
     * @param neededBytes bytes the write needed, or -1 when unknown (a write that hit "no space left")
     */
    public InsufficientStorageException(Path folder, long freeBytes, long neededBytes) {
        this(folder, freeBytes, neededBytes, 0);
    }

    /**
     * A write refused because it would leave less than a reserve free.
     *
     * @param keptFreeBytes bytes that must stay free after the write (the host's free-space floor), 0 for none
     */
    public InsufficientStorageException(Path folder, long freeBytes, long neededBytes, long keptFreeBytes) {
        super(message(folder, freeBytes, neededBytes, keptFreeBytes));
        this.folder = folder;
        this.freeBytes = freeBytes;
        this.neededBytes = neededBytes;
        this.keptFreeBytes = Math.max(0, keptFreeBytes);
    }

    /** The folder that is full. */
    public Path folder() {
        return folder;
    }

    /** Usable bytes left in {@link #folder()}, or -1 when they could not be measured. */
    public long freeBytes() {
        return freeBytes;
    }

    /** Bytes the write needed, or -1 when unknown. */
    public long neededBytes() {
        return neededBytes;
    }

    /** Bytes that must stay free besides what the write needs (0 when no reserve applied). */
    public long keptFreeBytes() {
        return keptFreeBytes;
    }

    private static String message(Path folder, long free, long needed, long keptFree) {
        String freeText = free >= 0 ? humanBytes(free) + " free" : "free space unknown";
        if (needed < 0) {
            return "not enough free space in " + folder + " (" + freeText + ")";
        }
        String base = "not enough free space in " + folder + ": " + freeText + ", " + humanBytes(needed) + " needed";
        return keptFree > 0 ? base + " and " + humanBytes(keptFree) + " kept free (the minimum free space)" : base;
    }

    /** {@code 1.5 GiB}, {@code 300.0 KiB}, {@code 12 B}. */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
