package org.sregistry.registry.oci;

/**
 * The distribution spec's closed set of error codes, each with the HTTP status this registry
 * answers it with. Mapped to a response in one place ({@link OciResponses#error}).
 */
public enum OciError {
    BLOB_UNKNOWN(404),
    BLOB_UPLOAD_INVALID(400),
    BLOB_UPLOAD_UNKNOWN(404),
    DIGEST_INVALID(400),
    MANIFEST_BLOB_UNKNOWN(400),
    MANIFEST_INVALID(400),
    MANIFEST_UNKNOWN(404),
    NAME_INVALID(400),
    NAME_UNKNOWN(404),
    SIZE_INVALID(400),
    UNAUTHORIZED(401),
    DENIED(403),
    UNSUPPORTED(415),
    TOOMANYREQUESTS(429),
    /** Not in the spec's list; what distribution answers for a full disk (with the spec's body shape). */
    INSUFFICIENT_STORAGE(507);

    private final int status;

    OciError(int status) {
        this.status = status;
    }

    /** The HTTP status answered for this code (a thrower may choose another, e.g. 416 or 413). */
    public int status() {
        return status;
    }
}
