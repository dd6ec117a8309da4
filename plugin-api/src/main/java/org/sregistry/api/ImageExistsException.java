package org.sregistry.api;

/**
 * An add made {@link AddRequest#withoutReplacing() without replacing} found an image under its name; nothing was
 * stored. Pick another name and add again.
 */
public class ImageExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The name that is taken. */
    private final transient ImageName name;

    /** @param name the name that is taken */
    public ImageExistsException(ImageName name) {
        super(name + " exists and replace=false was given");
        this.name = name;
    }

    /** The name that is taken. */
    public ImageName name() {
        return name;
    }
}
