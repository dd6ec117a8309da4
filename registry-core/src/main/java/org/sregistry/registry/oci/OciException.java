package org.sregistry.registry.oci;

/**
 * A request the OCI API refuses: a spec error code, a message for people, and the HTTP status.
 * Thrown by the storage and routing code, answered by {@link OciResponses#error}.
 */
public final class OciException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final OciError code;
    private final int status;

    /** With the code's own status. */
    public OciException(OciError code, String message) {
        this(code, code.status(), message);
    }

    /** With another status (416 for an out-of-order chunk, 413 for a manifest too large). */
    public OciException(OciError code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** The spec's code. */
    public OciError code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
