package org.sregistry.registry.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.sregistry.registry.store.ImageTooLargeException;

/** An upload over the size limit: 413 {@code too_large}. */
@Provider
public final class ImageTooLargeMapper implements ExceptionMapper<ImageTooLargeException> {
    @Override
    public Response toResponse(ImageTooLargeException e) {
        return ErrorBody.response(413, "too_large", e.getMessage());
    }
}
