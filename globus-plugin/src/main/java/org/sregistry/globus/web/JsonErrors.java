package org.sregistry.globus.web;

import org.sregistry.globus.sharing.SharingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.transfers.UnknownImageException;

/**
 * JSON error answers of the Globus API, in the host's shape {@code {"error","message"}} plus, for Globus
 * failures, Globus's {@code code}, its message and the scopes a consent login needs. Thrown as
 * {@link WebApplicationException} with an entity, which the host passes through unchanged.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /** An error answer. */
    static WebApplicationException of(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return build(status, body);
    }

    /** The answer for a Globus failure. */
    static WebApplicationException of(GlobusProblem problem, String consentUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.kind());
        body.put("message", problem.message());
        body.put("code", problem.code());
        body.put("globus_message", problem.globusMessage());
        if (problem.consent()) {
            body.put("required_scopes", problem.requiredScopes());
            body.put("consent_url", consentUrl);
        }
        return build(problem.status(), body);
    }

    /**
     * The answer for an exception of a plugin call about {@code what}; {@code consentEndpoint} (may be null) is
     * the collection a consent would be for.
     */
    static WebApplicationException from(RuntimeException e, String what, String consentEndpoint) {
        if (e instanceof WebApplicationException wae) {
            return wae;
        }
        if (e instanceof org.sregistry.globus.transfers.PushNotAllowedException) {
            return of(403, "forbidden", e.getMessage());
        }
        if (e instanceof UnknownImageException) {
            return of(404, "unknown_image", e.getMessage());
        }
        if (e instanceof InvalidInputException || e instanceof InvalidImageNameException) {
            return of(400, "bad_request", e.getMessage());
        }
        if (e instanceof GlobusNotConfiguredException) {
            return of(409, "not_configured", e.getMessage());
        }
        if (e instanceof org.sregistry.globus.transfers.TransferConflictException) {
            return of(409, "conflict", e.getMessage());
        }
        if (e instanceof SharingException s) {
            return of(SharingStatus.of(s), s.reason().code(), s.getMessage());
        }
        if (e instanceof GlobusApiException g) {
            return of(GlobusProblem.of(g, what), consentEndpoint == null ? null
                    : "/api/globus/consent/" + consentEndpoint);
        }
        throw e;
    }

    private static WebApplicationException build(int status, Map<String, Object> body) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build());
    }
}
