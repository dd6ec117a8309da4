package org.sregistry.registry.images;

import org.sregistry.api.ImageName;

/** An add that must not replace found the name taken (decided inside the add's transaction). */
public final class ImageExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param name the name that exists */
    public ImageExistsException(ImageName name) {
        super(name + " exists and replace=false was given");
    }
}
