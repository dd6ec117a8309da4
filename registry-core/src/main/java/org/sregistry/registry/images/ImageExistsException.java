package org.sregistry.registry.images;

import org.sregistry.api.ImageName;

/**
 * An add that must not replace found the name taken (decided inside the add's transaction). The plugin API's
 * {@link org.sregistry.api.ImageExistsException}, under the name the registry core's callers use.
 */
public final class ImageExistsException extends org.sregistry.api.ImageExistsException {
    private static final long serialVersionUID = 1L;

    /** @param name the name that exists */
    public ImageExistsException(ImageName name) {
        super(name);
    }
}
