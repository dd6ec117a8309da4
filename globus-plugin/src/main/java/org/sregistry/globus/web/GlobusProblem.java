package org.sregistry.globus.web;

import java.util.List;
import org.sregistry.globus.client.GlobusApiException;

/**
 * A Globus failure in plain words, with the HTTP status the registry answers: 4xx when the caller can fix it
 * (wrong path, not a folder, no permission, consent needed, not connected), 502 when Globus or the endpoint
 * failed. Pages show {@link #message()}; the API returns it as JSON with Globus's {@code code}.
 *
 * @param status         our HTTP status
 * @param kind           a short word for pages and scripts ({@code consent_required}, {@code not_found}, ...)
 * @param code           Globus's {@code code}
 * @param message        what happened, in plain words (contains Globus text: escape it)
 * @param globusMessage  Globus's own message, or null
 * @param requiredScopes scopes a consent login must ask for (consent only)
 */
public record GlobusProblem(int status, String kind, String code, String message, String globusMessage,
                            List<String> requiredScopes) {

    /** Reads a failure of a call about {@code what} (e.g. "listing /data/ on Cluster"). */
    public static GlobusProblem of(GlobusApiException e, String what) {
        String globus = e.globusMessage();
        String suffix = globus == null || globus.isBlank() ? "" : " (Globus said: " + globus + ")";
        if (e.consentRequired()) {
            return new GlobusProblem(403, "consent_required", e.code(), "This collection needs your consent "
                    + "(data_access) before the registry may use it" + " for " + what + ".", globus,
                    e.requiredScopes());
        }
        if (e.loginRequired() || e.credentialsRefused()) {
            return new GlobusProblem(409, "login_required", e.code(), "The registry is not connected to Globus, "
                    + "or its login expired: connect Globus on /globus first.", globus, List.of());
        }
        if (e.isCode("ExternalError.DirListingFailed.NotDirectory")) {
            return new GlobusProblem(400, "not_directory", e.code(), "That path is not a folder" + suffix + ".",
                    globus, List.of());
        }
        if (e.isCode("ExternalError.DirListingFailed.GCDisconnected") || e.isCode("ExternalError.DirListingFailed.GCPaused")) {
            return new GlobusProblem(502, "endpoint_offline", e.code(), "The endpoint is offline (its Globus "
                    + "Connect Personal is not connected or paused), so " + what + " is not possible now" + suffix
                    + ".", globus, List.of());
        }
        if (e.isCode("EndpointPermissionDenied") || e.isCode("PermissionDenied")
                || e.isCode("ExternalError.DirListingFailed.PermissionDenied")) {
            return new GlobusProblem(403, "permission_denied", e.code(), "Permission denied for " + what + suffix
                    + ".", globus, List.of());
        }
        if (e.isCode("EndpointNotFound")) {
            return new GlobusProblem(404, "endpoint_not_found", e.code(), "No such endpoint" + suffix + ".", globus,
                    List.of());
        }
        if (e.notFound()) {
            return new GlobusProblem(404, "not_found", e.code(), "Not found: " + what + suffix + ".", globus,
                    List.of());
        }
        if (e.isCode("ClientError.BadRequest") || e.isCode("BadRequest")) {
            return new GlobusProblem(400, "bad_request", e.code(), "Globus refused the request for " + what + suffix
                    + ".", globus, List.of());
        }
        if (e.networkError()) {
            return new GlobusProblem(502, "globus_unreachable", e.code(), "Globus did not answer, so " + what
                    + " failed. Try again in a moment" + suffix + ".", globus, List.of());
        }
        if (e.status() == 503 || e.status() == 429) {
            return new GlobusProblem(502, "globus_unavailable", e.code(), "Globus is unavailable right now (HTTP "
                    + e.status() + "), so " + what + " failed. Try again in a moment" + suffix + ".", globus,
                    List.of());
        }
        return new GlobusProblem(502, "globus_error", e.code(), "Globus failed " + what + " (HTTP " + e.status()
                + ", " + e.code() + ")" + suffix + ".", globus, List.of());
    }

    /** True when "Grant access" can fix it. */
    public boolean consent() {
        return "consent_required".equals(kind);
    }
}
