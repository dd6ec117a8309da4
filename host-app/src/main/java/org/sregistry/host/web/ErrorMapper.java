package org.sregistry.host.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sregistry.api.Html;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions into answers a person or script can act on: JSON
 * {@code {"error","message"}} under {@code /api/}, a short HTML page elsewhere. Unexpected
 * exceptions are logged with an id that the answer repeats; their details are never shown.
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        int status;
        String error;
        String message;
        if (exception instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            status = original.getStatus();
            error = Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                    ? reason(status) : "server_error";
            message = wae.getMessage() == null ? reason(status) : wae.getMessage();
        } else if (exception instanceof IllegalArgumentException) {
            status = 400;
            error = "bad_request";
            message = exception.getMessage();
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Unhandled error {} on {}", id, uriInfo == null ? "?" : uriInfo.getPath(), exception);
            status = 500;
            error = "server_error";
            message = "internal error " + id + " (details in the server log)";
        }
        String path = uriInfo == null ? "" : uriInfo.getPath();
        if (path.startsWith("api/") || path.startsWith("/api/")) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", error);
            body.put("message", message);
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        String html = "<!DOCTYPE html><html><head><title>" + status + "</title><link rel=\"stylesheet\" href=\""
                + Assets.pico() + "\"></head><body><main class=\"container\"><h2>" + status + " · "
                + Html.escape(reason(status).replace('_', ' ')) + "</h2><p>" + Html.escape(message)
                + "</p><p><a href=\"/\">Back to the registry</a></p></main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html).build();
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "error" : known.getReasonPhrase().toLowerCase().replace(' ', '_');
    }
}
