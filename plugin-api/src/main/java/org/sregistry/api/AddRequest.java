package org.sregistry.api;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to add to the registry: a source (a file or a stream), a name, metadata, and optionally a
 * once-key that makes the add idempotent (see {@link RegistryService#add(AddRequest)}).
 *
 * @param file     the source file, or null when {@code stream} is given
 * @param stream   the source stream, or null when {@code file} is given
 * @param name     the image name {@code collection/name:tag} (defaults apply: {@code library}, {@code latest})
 * @param metadata metadata to attach (string keys and values)
 * @param onceKey  null, or a key unique per logical add within the calling plugin
 */
public record AddRequest(Path file, InputStream stream, String name, Map<String, String> metadata, String onceKey) {

    public AddRequest {
        if ((file == null) == (stream == null)) {
            throw new IllegalArgumentException("exactly one of file and stream must be given");
        }
        Objects.requireNonNull(name, "name");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Adds a file. */
    public static AddRequest of(Path file, String name, Map<String, String> metadata) {
        return new AddRequest(file, null, name, metadata, null);
    }

    /** Adds from a stream. */
    public static AddRequest of(InputStream stream, String name, Map<String, String> metadata) {
        return new AddRequest(null, stream, name, metadata, null);
    }

    /** The same request, made idempotent under {@code key}. */
    public AddRequest once(String key) {
        return new AddRequest(file, stream, name, metadata, Objects.requireNonNull(key, "key"));
    }
}
