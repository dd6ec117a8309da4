package org.sregistry.registry.api;

/**
 * What the image APIs tell the host after an image was pushed, pulled or deleted, so that it can
 * keep an audit log. Called on the request's thread once the change is done (never for refused or
 * failed requests), with the image's URI ({@code collection/name:tag}, or {@code repository@digest}
 * for OCI manifests by digest). Implementations must not throw and should be quick: a pull is on
 * the request's path.
 */
public interface ImageEvents {
    /** Tells nothing to anyone. */
    ImageEvents NONE = new ImageEvents() {
    };

    /** An image was stored (REST upload, OCI manifest PUT). */
    default void pushed(String uri) {
    }

    /** An image was removed (REST delete, OCI manifest DELETE). */
    default void deleted(String uri) {
    }

    /** An image was downloaded (REST download, OCI manifest GET; not per blob). */
    default void pulled(String uri) {
    }
}
