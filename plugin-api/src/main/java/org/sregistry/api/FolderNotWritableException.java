package org.sregistry.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A folder the registry writes to refuses writes: its permissions, or a file system mounted
 * read-only. Like {@link InsufficientStorageException} the host answers it as
 * {@code 507 Insufficient Storage} naming the folder (the request cannot be stored until an
 * operator fixes the folder, so retrying as for a 503 does not help). {@link StorageErrors#classify}
 * makes one from the exception of a failed write.
 */
public class FolderNotWritableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final String reason;

    /**
     * @param folder the folder that refused the write
     * @param reason what the system said, e.g. {@code Read-only file system} or {@code Permission denied}
     */
    public FolderNotWritableException(Path folder, String reason) {
        super("cannot write to " + folder + ": " + reason
                + " (check the folder's owner and permissions and that its file system is not read-only)");
        this.folder = folder;
        this.reason = reason;
    }

    /** The folder that refused the write. */
    public Path folder() {
        return folder;
    }

    /** What the system said. */
    public String reason() {
        return reason;
    }
}
