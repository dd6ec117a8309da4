package org.sregistry.globus.transfers;

/** An image URI that names no image in the registry (answered with 404). */
public class UnknownImageException extends IllegalArgumentException {
    private final String uri;

    /** For {@code uri}. */
    public UnknownImageException(String uri) {
        super("no image " + (uri.length() > 200 ? uri.substring(0, 200) + "…" : uri) + " in the registry");
        this.uri = uri;
    }

    /** The URI asked for. */
    public String uri() {
        return uri;
    }
}
