package org.sregistry.api;

/**
 * An image name in the sregistry convention {@code collection/name:tag@version}, where version
 * is {@code sha256:<64 hex>}. Defaults: collection {@code library}, tag {@code latest}.
 *
 * @param collection the collection (lower case)
 * @param name       the image name (lower case)
 * @param tag        the tag
 * @param version    {@code sha256:...}, or null when not given
 */
public record ImageName(String collection, String name, String tag, String version) {

    /** Default collection. */
    public static final String DEFAULT_COLLECTION = "library";
    /** Default tag. */
    public static final String DEFAULT_TAG = "latest";

    /**
     * Parses a name; missing parts take their defaults.
     *
     * @throws InvalidImageNameException with a message naming the problem
     */
    public static ImageName parse(String text) {
        return ImageNameParser.parse(text);
    }

    /** The same name with {@code version}. */
    public ImageName withVersion(String newVersion) {
        return new ImageName(collection, name, tag, newVersion);
    }

    /** {@code collection/name:tag} without version. */
    public String withoutVersion() {
        return collection + "/" + name + ":" + tag;
    }

    @Override
    public String toString() {
        return version == null ? withoutVersion() : withoutVersion() + "@" + version;
    }
}
