package org.sregistry.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write could not be done because a folder's file system is full (or too full for what was asked).
 * The host answers it as {@code 507 Insufficient Storage}, naming the folder and its free space, so
 * a plugin that stages files throws (or lets through) this instead of a generic error.
 *
 * <pre>{@code
 * long free = Files.getFileStore(staging).getUsableSpace();
 * if (free < size) {
 *     throw new InsufficientStorageException(staging, free, size);
 * }
 * }</pre>
 */
public class InsufficientStorageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final long freeBytes;
    private final long neededBytes;

    /**
     * @param folder      the folder that could not take the write
     * @param freeBytes   usable bytes left there (as measured when it failed)
     * @param neededBytes bytes the write needed, or -1 when unknown (a write that hit "no space left")
     */
    public InsufficientStorageException(Path folder, long freeBytes, long neededBytes) {
        super(message(folder, freeBytes, neededBytes));
        this.folder = folder;
        this.freeBytes = freeBytes;
        this.neededBytes = neededBytes;
    }

    /** The folder that is full. */
    public Path folder() {
        return folder;
    }

    /** Usable bytes left in {@link #folder()}. */
    public long freeBytes() {
        return freeBytes;
    }

    /** Bytes the write needed, or -1 when unknown. */
    public long neededBytes() {
        return neededBytes;
    }

    private static String message(Path folder, long free, long needed) {
        String base = "not enough free space in " + folder + ": " + humanBytes(free) + " free";
        return needed >= 0 ? base + ", " + humanBytes(needed) + " needed" : base;
    }

    /** {@code 1.5 GiB}, {@code 300 KiB}, {@code 12 B}. */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
