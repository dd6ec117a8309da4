package org.sregistry.host.library;

import java.util.Optional;
import java.util.regex.Pattern;
import org.sregistry.api.ImageName;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.registry.oci.OciException;
import org.sregistry.registry.oci.OciNames;

/**
 * How a {@code library://} path names a registry image. The library client speaks of
 * {@code entity/collection/container:tag}; this registry has images {@code collection/name:tag}
 * (OCI repository {@code collection/name}). The mapping:
 *
 * <table>
 *   <caption>library path to registry image</caption>
 *   <tr><th>library path</th><th>registry image</th><th>used by</th></tr>
 *   <tr><td>{@code entity/collection/name:tag}</td><td>{@code collection/name:tag}</td>
 *       <td>every push ({@code apptainer push} accepts only three parts), pulls</td></tr>
 *   <tr><td>{@code collection/name:tag}</td><td>{@code collection/name:tag}</td><td>pulls</td></tr>
 *   <tr><td>{@code name:tag}</td><td>{@code library/name:tag}</td>
 *       <td>pulls ({@code library} is the registry's default collection)</td></tr>
 * </table>
 *
 * <p>The entity is ignored: the registry has no entities (one account owns everything), so any
 * entity that is a valid name part will do; {@code library://anything/demo/lolcow:1.0} and
 * {@code library://demo/lolcow:1.0} are the same image. This also keeps Apptainer's own ambiguity
 * harmless: it reads {@code library://host/collection/name} (two slashes) as the hostless path
 * {@code host/collection/name} on the default remote, whose entity {@code host} is then ignored.
 *
 * <p>A tag of the form {@code sha256.<hex>} (the library's image hash) names the image of
 * {@code collection/name} with that content, whatever its tag.
 */
public final class LibraryPaths {
    /** What the library client checks parts against (lower case, separators between alphanumerics). */
    private static final Pattern PART = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern HASH_TAG = Pattern.compile("sha256\\.([0-9a-f]{64})");

    private LibraryPaths() {
    }

    /**
     * The OCI repository ({@code collection/name}) a library namespace ({@code entity/collection/name},
     * {@code collection/name} or {@code name}) maps to; empty when the namespace is malformed or
     * maps to no valid repository.
     */
    public static Optional<String> repository(String namespace) {
        if (namespace == null) {
            return Optional.empty();
        }
        String ns = namespace.startsWith("/") ? namespace.substring(1) : namespace;
        String[] parts = ns.split("/", -1);
        if (parts.length < 1 || parts.length > 3) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        String collection = parts.length == 1 ? ImageName.DEFAULT_COLLECTION : parts[parts.length - 2];
        String repository = collection + "/" + parts[parts.length - 1];
        try {
            ImageName.parse(repository + ":" + ImageName.DEFAULT_TAG);
            OciNames.repository(repository);
        } catch (InvalidImageNameException | OciException e) {
            return Optional.empty();
        }
        return Optional.of(repository);
    }

    /**
     * The registry lookup ({@code collection/name:tag}, or {@code collection/name@sha256:<hex>}
     * for a hash tag) that a library image reference {@code namespace:tag} means; empty when malformed.
     */
    public static Optional<String> imageLookup(String namespace, String tag) {
        Optional<String> repository = repository(namespace);
        if (repository.isEmpty() || tag == null || tag.isEmpty()) {
            return Optional.empty();
        }
        var hash = HASH_TAG.matcher(tag);
        String lookup = hash.matches() ? repository.get() + "@sha256:" + hash.group(1) : repository.get() + ":" + tag;
        try {
            ImageName.parse(lookup);
        } catch (InvalidImageNameException e) {
            return Optional.empty();
        }
        return Optional.of(lookup);
    }
}
