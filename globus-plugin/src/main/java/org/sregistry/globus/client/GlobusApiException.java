package org.sregistry.globus.client;

import java.util.List;

/**
 * Any failure talking to Globus: an error answer (HTTP status, Globus {@code code}, message, {@code request_id},
 * {@code resource}, {@code authorization_parameters}, required scopes) or a network failure (status 0).
 * Branch on {@link #code()} with {@link #isCode(String)}, never on the message.
 */
public class GlobusApiException extends RuntimeException {

    /** Code used when no HTTP answer arrived (connection refused, timeout, reset). */
    public static final String NETWORK_ERROR = "NetworkError";

    private final int status;
    private final String code;
    private final String globusMessage;
    private final String requestId;
    private final String resource;
    private final String method;
    private final String path;
    private final AuthorizationParameters authorizationParameters;
    private final List<String> requiredScopes;

    /** Full constructor; {@code method}/{@code path} identify our request (no query, no secrets). */
    public GlobusApiException(int status, String code, String globusMessage, String requestId, String resource,
                              String method, String path, AuthorizationParameters authorizationParameters,
                              List<String> requiredScopes, Throwable cause) {
        super(describe(status, code, globusMessage, requestId, method, path), cause);
        this.status = status;
        this.code = code;
        this.globusMessage = globusMessage;
        this.requestId = requestId;
        this.resource = resource;
        this.method = method;
        this.path = path;
        this.authorizationParameters = authorizationParameters;
        this.requiredScopes = requiredScopes == null ? List.of() : List.copyOf(requiredScopes);
    }

    /** A failure without an HTTP answer. */
    public static GlobusApiException network(String method, String path, Throwable cause) {
        return new GlobusApiException(0, NETWORK_ERROR, cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                null, null, method, path, null, List.of(), cause);
    }

    private static String describe(int status, String code, String message, String requestId,
                                   String method, String path) {
        StringBuilder sb = new StringBuilder();
        if (method != null) {
            sb.append(method).append(' ').append(path).append(": ");
        }
        sb.append(status == 0 ? "no answer" : "HTTP " + status);
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request_id ").append(requestId).append(')');
        }
        return sb.toString();
    }

    /** HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** Globus error code ({@code ClientError.NotFound}, {@code ConsentRequired}, OAuth {@code invalid_grant}, ...). */
    public String code() {
        return code;
    }

    /** Globus's free-text message (may be null). */
    public String globusMessage() {
        return globusMessage;
    }

    /** Globus {@code request_id}, for support and logs. */
    public String requestId() {
        return requestId;
    }

    /** Globus {@code resource} field of the error body. */
    public String resource() {
        return resource;
    }

    /** Our request's HTTP method. */
    public String method() {
        return method;
    }

    /** Our request's path (without query). */
    public String path() {
        return path;
    }

    /** The error's {@code authorization_parameters}, or null. */
    public AuthorizationParameters authorizationParameters() {
        return authorizationParameters;
    }

    /** Scopes a new login must request (from {@code required_scopes}, {@code required_scope}
     * or {@code authorization_parameters.required_scopes}); empty if none. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }

    /**
     * True when the code equals {@code prefix} or starts with {@code prefix + "."}: {@code isCode("ClientError")}
     * matches {@code ClientError.NotFound}; {@code isCode("ExternalError.MkdirFailed")} matches
     * {@code ExternalError.MkdirFailed.Exists}.
     */
    public boolean isCode(String prefix) {
        return code != null && (code.equals(prefix) || code.startsWith(prefix + "."));
    }

    /** Globus answered 403 {@code ConsentRequired}: log in again asking for {@link #requiredScopes()}. */
    public boolean consentRequired() {
        return isCode("ConsentRequired");
    }

    /**
     * Globus refused the access token itself (401): a refresh or a new login may fix it. Not a
     * {@code ConsentRequired} that comes with 401 (the SDK's legacy shape): that one takes a consent.
     */
    public boolean credentialsRefused() {
        return status() == 401 && !consentRequired();
    }

    /**
     * Globus answered {@code Exists}: an identical thing is already there (an access rule for the same principal and
     * path, typically after a retried create whose first answer was lost).
     */
    public boolean exists() {
        return isCode("Exists");
    }

    /**
     * Globus answered {@code PermissionDenied}: the caller lacks the role the call needs (e.g. administrator or
     * access_manager to manage a guest collection's access rules). Not {@code EndpointPermissionDenied} (storage).
     */
    public boolean permissionDenied() {
        return isCode("PermissionDenied");
    }

    /** The stored credentials are unusable and a full login is needed (see {@link LoginRequiredException}). */
    public boolean loginRequired() {
        return false;
    }

    /** Missing thing: 404 or a NotFound code. */
    public boolean notFound() {
        return status == 404 || (code != null && code.contains("NotFound"));
    }

    /** No HTTP answer arrived. */
    public boolean networkError() {
        return status == 0;
    }
}
