package org.sregistry.api;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to add to the registry: a source (a file or a stream), a name, metadata, optionally a
 * once-key that makes the add idempotent (see {@link RegistryService#add(AddRequest)}), and whether
 * an image already stored under the name may be replaced.
 *
 * @param file            the source file, or null when {@code stream} is given
 * @param stream          the source stream, or null when {@code file} is given
 * @param name            the image name {@code collection/name:tag} (defaults apply: {@code library}, {@code latest})
 * @param metadata        metadata to attach (string keys and values)
 * @param onceKey         null, or a key unique per logical add within the calling plugin
 * @param replaceExisting true (the default): an image under the same name is replaced; false: the add fails with
 *                        {@link ImageExistsException} instead and stores nothing (see {@link #withoutReplacing()})
 */
public record AddRequest(Path file, InputStream stream, String name, Map<String, String> metadata, String onceKey,
                         boolean replaceExisting) {

    public AddRequest {
        if ((file == null) == (stream == null)) {
            throw new IllegalArgumentException("exactly one of file and stream must be given");
        }
        Objects.requireNonNull(name, "name");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A request that replaces an existing image of the same name (the shape before {@code replaceExisting}). */
    public AddRequest(Path file, InputStream stream, String name, Map<String, String> metadata, String onceKey) {
        this(file, stream, name, metadata, onceKey, true);
    }

    /** Adds a file. */
    public static AddRequest of(Path file, String name, Map<String, String> metadata) {
        return new AddRequest(file, null, name, metadata, null, true);
    }

    /** Adds from a stream. */
    public static AddRequest of(InputStream stream, String name, Map<String, String> metadata) {
        return new AddRequest(null, stream, name, metadata, null, true);
    }

    /** The same request, made idempotent under {@code key}. */
    public AddRequest once(String key) {
        return new AddRequest(file, stream, name, metadata, Objects.requireNonNull(key, "key"), replaceExisting);
    }

    /**
     * The same request, never replacing: when an image is already stored under the name, the add throws
     * {@link ImageExistsException} and stores nothing (decided in the add's transaction, so of two racing adds of
     * one name exactly one wins). A once-key that was used before still answers the first image.
     */
    public AddRequest withoutReplacing() {
        return new AddRequest(file, stream, name, metadata, onceKey, false);
    }
}
