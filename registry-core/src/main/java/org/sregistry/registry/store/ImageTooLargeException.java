package org.sregistry.registry.store;

import java.io.IOException;

/** The image is larger than the configured maximum (the API answers 413). */
public class ImageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long maxBytes;

    /** @param maxBytes the limit that was exceeded */
    public ImageTooLargeException(long maxBytes) {
        super("image is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit that was exceeded. */
    public long maxBytes() {
        return maxBytes;
    }
}
