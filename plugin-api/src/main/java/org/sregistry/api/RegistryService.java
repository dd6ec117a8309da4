package org.sregistry.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's images, as plugins see them. Implemented by the host.
 *
 * <p>Lookups by URI follow the sregistry convention: the full URI
 * {@code collection/name:tag@version} first, then without version, then without tag
 * (tag {@code latest}), then by name only.
 */
public interface RegistryService {

    /** Lists images matching {@code query} (substring of the URI; empty for all), newest first unless sorted otherwise. */
    ImagePage list(ImageQuery query);

    /** The image a URI designates, using the lookup rules above. */
    Optional<ImageInfo> get(String uri);

    /**
     * Adds the file at {@code source} under {@code name} with plugin metadata. The file is copied
     * (hashed while copying); {@code source} is left in place.
     *
     * @throws InvalidImageNameException when {@code name} is not a valid image name
     * @throws UnsupportedImageException when the file is not a container image (SIF, or a legacy
     *         squashfs/ext3 image) and the collection accepts images only; nothing is stored
     */
    default ImageInfo add(Path source, String name, Map<String, String> metadata) throws IOException {
        return add(AddRequest.of(source, name, metadata)).image();
    }

    /** Adds an image read from {@code in} (streamed, never held in memory). */
    default ImageInfo add(InputStream in, String name, Map<String, String> metadata) throws IOException {
        return add(AddRequest.of(in, name, metadata)).image();
    }

    /**
     * Adds an image as described by {@code request}. When the request carries a once-key, the
     * key is recorded in the same database transaction as the image, and a second call with the
     * same key (from any process, even after a crash) adds nothing and answers the first image.
     *
     * @throws UnsupportedImageException when the bytes are not a container image and the collection
     *         accepts images only (the administrator lists those that take any file)
     * @throws ImageExistsException when the request is {@link AddRequest#withoutReplacing() without replacing}
     *                              and an image has the name (nothing is stored)
     * @throws InvalidImageNameException when the name is not valid
     */
    AddResult add(AddRequest request) throws IOException;

    /** Removes the image a URI designates (its blob goes when no name refers to it); true when removed. */
    boolean remove(String uri);

    /**
     * The file holding the image's bytes, for reading (e.g. to hard-link it into a staging
     * folder). Never write to it or move it.
     */
    Path blobFile(ImageInfo image);

    /** Opens the image's bytes for reading. */
    InputStream open(ImageInfo image) throws IOException;
}
