package org.sregistry.registry.api;

/** An API error with its HTTP status and short code; {@link ApiExceptionMapper} renders it as JSON. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    /**
     * @param status  HTTP status
     * @param code    short machine-readable code, e.g. {@code not_found}
     * @param message what went wrong, for people
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** 404 for a URI that designates no image. */
    public static ApiException notFound(String uri) {
        return new ApiException(404, "not_found", "no image matches '" + uri + "'");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
