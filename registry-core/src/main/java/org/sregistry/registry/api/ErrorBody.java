package org.sregistry.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every API error: {@code {"error": "<code>", "message": "..."}}.
 *
 * @param error   short code, e.g. {@code invalid_name}
 * @param message what went wrong, for people
 */
public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("message") String message) {

    /** A JSON response with this body. */
    public static Response response(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error, message)).build();
    }
}
