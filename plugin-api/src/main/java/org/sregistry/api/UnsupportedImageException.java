package org.sregistry.api;

/**
 * Thrown by {@link RegistryService#add} when the bytes are not a container image: neither a SIF
 * file nor a legacy Singularity image (squashfs or ext3 file system), and the target collection is
 * not one that accepts any file. Nothing was stored. The message says what is wrong, for showing
 * to users as it is (the REST API answers it with 415). Adding the same file again will fail the
 * same way, so an import should give up on it rather than retry.
 */
public class UnsupportedImageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or image when known */
    public UnsupportedImageException(String message) {
        super(message);
    }
}
