package org.sregistry.registry.images;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.sregistry.api.ImageName;

/**
 * Finds the image a URI designates, in the sregistry order:
 * <ol>
 *   <li><b>full URI</b>: {@code collection/name:tag}, and the version when one is given;</li>
 *   <li><b>without tag</b> (only when the URI did not spell a tag): the {@code collection/name}
 *       image updated most recently, e.g. {@code demo/lolcow} finds {@code demo/lolcow:3.0} when
 *       there is no {@code :latest};</li>
 *   <li><b>name only</b> (only when the URI did not spell a collection): the image with that name
 *       (and that tag if spelled) in any collection; when several match, the one updated most
 *       recently wins, e.g. {@code lolcow} finds {@code demo/lolcow:latest}.</li>
 * </ol>
 * "Without version" is folded into every step: a URI without a version matches any version.
 * A version that <em>is</em> given is always honoured, though: unlike the original, a lookup never
 * answers an image whose content differs from the digest asked for (a client checking the digest
 * would otherwise receive other bytes). Parts written explicitly are honoured the same way; only
 * defaulted parts fall back.
 */
final class ImageLookup {
    private ImageLookup() {
    }

    /**
     * @throws org.sregistry.api.InvalidImageNameException when {@code uri} is not a valid name
     */
    static Optional<ImageRow> find(Handle h, String uri) {
        ImageName n = ImageName.parse(uri);
        String beforeVersion = uri.contains("@") ? uri.substring(0, uri.indexOf('@')) : uri;
        boolean tagSpelled = beforeVersion.contains(":");
        boolean collectionSpelled = beforeVersion.contains("/");

        Optional<ImageRow> found = ImageTable.findBest(h, n.collection(), n.name(), n.tag(), n.version());
        if (found.isEmpty() && !tagSpelled) {
            found = ImageTable.findBest(h, n.collection(), n.name(), null, n.version());
        }
        if (found.isEmpty() && !collectionSpelled) {
            found = ImageTable.findBest(h, null, n.name(), n.tag(), n.version());
            if (found.isEmpty() && !tagSpelled) {
                found = ImageTable.findBest(h, null, n.name(), null, n.version());
            }
        }
        return found;
    }
}
