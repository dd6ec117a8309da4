package org.sregistry.registry.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.sregistry.api.InvalidImageNameException;

/** A bad image name is the client's mistake: 400 {@code invalid_name} with the parser's message. */
@Provider
public final class InvalidImageNameMapper implements ExceptionMapper<InvalidImageNameException> {
    @Override
    public Response toResponse(InvalidImageNameException e) {
        return ErrorBody.response(400, "invalid_name", e.getMessage());
    }
}
