package org.sregistry.globussim.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure answered to the caller as an HTTP error with a Globus {@code code}. Handlers throw it; the
 * dispatcher renders it in the route's {@link ErrorStyle}.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Map<String, Object> rawBody;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "ClientError.BadRequest", message);
    }

    public static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }

    /** Adds a top-level field to the error document (e.g. {@code required_scopes}). */
    public ApiError with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Replaces the whole body: used for OAuth token-endpoint errors, which have their own shape. */
    public ApiError rawBody(Map<String, Object> body) {
        this.rawBody = body;
        return this;
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, Object> extra() { return extra; }
    public Map<String, String> headers() { return headers; }
    public Map<String, Object> rawBody() { return rawBody; }
}
