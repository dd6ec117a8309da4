package org.sregistry.host.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sregistry.api.FolderNotWritableException;
import org.sregistry.api.Html;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.StorageErrors;
import org.sregistry.api.UnsupportedImageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions into answers a person or script can act on: JSON
 * {@code {"error","message"}} under {@code /api/}, a short HTML page elsewhere. Unexpected
 * exceptions are logged with an id that the answer repeats; their details are never shown.
 *
 * <p>Storage errors are answered here, the one place, for the host's resources and the plugins'
 * alike (they share this Jersey application): an {@link InsufficientStorageException} or
 * {@link FolderNotWritableException} anywhere in the cause chain — or a file system exception that
 * says "No space left on device" or "Read-only file system" — becomes {@code 507 Insufficient
 * Storage} naming the folder ({@code insufficient_storage} with {@code folder}, {@code free_bytes},
 * {@code needed_bytes}, {@code min_free_bytes}; or {@code folder_not_writable} with {@code folder}),
 * with {@code Connection: close}, since the request's body may be unread.
 *
 * <p>A request body that is not valid JSON (truncated, not JSON, invalid UTF-8, nested too deeply, the wrong shape
 * for the route) is the caller's mistake, answered here for every route: {@code 400 bad_json} naming the problem
 * and where it is, logged as one line without a stack trace.
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final int INSUFFICIENT_STORAGE = 507;
    /** Cause chains are short; the bound only guards against a cycle. */
    private static final int MAX_CAUSES = 32;

    @Context
    private UriInfo uriInfo;

    @Context
    private jakarta.ws.rs.core.HttpHeaders headers;

    /** Where the embedded database lives (named when its disk is full), or null for a database server. */
    private final Path databaseFolder;

    /** @param databaseFolder the embedded database's folder, or null (PostgreSQL) */
    public ErrorMapper(Path databaseFolder) {
        this.databaseFolder = databaseFolder;
    }

    @Override
    public Response toResponse(Throwable exception) {
        Optional<IOException> storage = storageError(exception).or(() -> databaseFull(exception));
        if (storage.isPresent()) {
            return storageResponse(storage.get());
        }
        int status;
        String error;
        String message;
        if (exception instanceof org.glassfish.jersey.server.ParamException param
                && !(exception instanceof org.glassfish.jersey.server.ParamException.PathParamException)) {
            // JAX-RS answers a query or form value it cannot convert with 404, as if the route were
            // missing; the route is there and the value is the caller's mistake
            status = 400;
            error = "bad_parameter";
            message = "the " + param.getParameterType().getSimpleName().replace("Param", "").toLowerCase()
                    + " parameter '" + param.getParameterName() + "' has a value of the wrong kind"
                    + (causedBy(param, NumberFormatException.class) ? ": a whole number is expected" : "");
        } else if (exception instanceof WebApplicationException wae) {
            Response original = wae.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            status = original.getStatus();
            error = Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                    ? reason(status) : "server_error";
            message = wae.getMessage() == null ? reason(status) : wae.getMessage();
        } else if (exception instanceof UnsupportedImageException) {
            status = 415;
            error = "unsupported_image";
            message = exception.getMessage();
        } else if (endedEarly(exception)) {
            // the client stopped sending before the body it announced was complete: its mistake, no trace
            status = 400;
            error = "incomplete_body";
            message = "the request body ended before the length the request announced";
            LOG.info("400 on {}: {}", uriInfo == null ? "?" : uriInfo.getPath(), message);
        } else if (badJson(exception).isPresent()) {
            status = 400;
            error = "bad_json";
            message = "the request body is not valid JSON: " + describe(badJson(exception).get());
            LOG.info("400 on {}: {}", uriInfo == null ? "?" : uriInfo.getPath(), message);
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return render(status, body).build();
    }

    private Response storageResponse(IOException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e instanceof InsufficientStorageException full) {
            body.put("error", "insufficient_storage");
            body.put("message", full.getMessage());
            body.put("folder", String.valueOf(full.folder()));
            body.put("free_bytes", full.freeBytes());
            body.put("needed_bytes", full.neededBytes() >= 0 ? full.neededBytes() : null);
            body.put("min_free_bytes", full.keptFreeBytes());
        } else {
            FolderNotWritableException locked = (FolderNotWritableException) e;
            body.put("error", "folder_not_writable");
            body.put("message", locked.getMessage());
            body.put("folder", String.valueOf(locked.folder()));
        }
        // an operator's problem, not a bug: one line, no stack trace
        LOG.warn("507 on {}: {}", uriInfo == null ? "?" : uriInfo.getPath(), e.getMessage());
        return render(INSUFFICIENT_STORAGE, body).header("Connection", "close").build();
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The storage error in {@code exception}'s cause chain, if any (raw file system errors classified). */
    static Optional<IOException> storageError(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = exception; t != null && chain.size() < MAX_CAUSES; t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof InsufficientStorageException || t instanceof FolderNotWritableException) {
                return Optional.of((IOException) t);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof FileSystemException fse && fse.getFile() != null) {
                // a write that nobody classified: the file's folder is the best name we have
                Path file = Path.of(fse.getFile()).toAbsolutePath();
                Path folder = file.getParent() == null ? file : file.getParent();
                boolean storageReason = fse.getReason() != null
                        && (fse.getReason().contains("No space left") || fse.getReason().contains("Read-only file system"));
                if (storageReason) {
                    IOException classified = StorageErrors.classify(fse, folder, -1);
                    if (classified != fse) {
                        return Optional.of(classified);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The JSON reading error in {@code exception}'s cause chain: the parser's (syntax, encoding, limits such as the
     * nesting depth) or the mapping of the parsed input to the route's type. Errors writing a response, or in a type's
     * definition, are the server's and stay 500s.
     */
    static Optional<com.fasterxml.jackson.core.JsonProcessingException> badJson(Throwable exception) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException
                    || t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
                    || t instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
                    || (t instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !(m instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException)
                    && m.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser)) {
                return Optional.of((com.fasterxml.jackson.core.JsonProcessingException) t);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the cause chain holds Jetty's end of input before the announced body length (a disk file's EOF is
     * the server's, so only Jetty's counts).
     */
    static boolean endedEarly(Throwable exception) {
        int depth = 0;
        for (Throwable t = exception; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.eclipse.jetty.")
                    && t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).endsWith("eofexception")) {
                return true;
            }
        }
        return false;
    }

    /** The parser's own words (first line, bounded, without its internals) and where in the body. */
    private static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                && m.getPath().stream().allMatch(r -> r.getFieldName() != null || r.getIndex() >= 0)) {
            // valid JSON, a value of the wrong type: name the field, not the Java type it would have become
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
            return "'" + field + "' has a value of the wrong kind";
        }
        String text = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        text = text.replaceAll("\\s*\\(start marker at \\[Source:.*", "").replaceAll("\\s*\\[Source:.*", "");
        int newline = text.indexOf('\n');
        text = newline >= 0 ? text.substring(0, newline) : text;
        text = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        var at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? text : text + " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")";
    }

    /** A commit refused because the database's disk is full, as the same 507 (naming the database folder). */
    private Optional<IOException> databaseFull(Throwable exception) {
        if (!org.sregistry.registry.db.SqlErrors.isDiskFull(exception)) {
            return Optional.empty();
        }
        if (databaseFolder == null) {
            return Optional.of(new InsufficientStorageException(Path.of("(the database server's disk)"), 0, -1));
        }
        return Optional.of(new InsufficientStorageException(databaseFolder, StorageErrors.usableBytes(databaseFolder), -1));
    }

    /** JSON under /api/ and to requests that sent JSON, an HTML page elsewhere. */
    private Response.ResponseBuilder render(int status, Map<String, Object> body) {
        String path = uriInfo == null ? "" : uriInfo.getPath();
        if (path.startsWith("api/") || path.startsWith("/api/") || sentJson()) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        }
        String message = String.valueOf(body.get("message"));
        String html = "<!DOCTYPE html><html><head><title>" + status + "</title><link rel=\"stylesheet\" href=\""
                + Assets.pico() + "\"></head><body><main class=\"container\"><h2>" + status + " · "
                + Html.escape(reason(status).replace('_', ' ')) + "</h2><p>" + Html.escape(message)
                + "</p><p><a href=\"/\">Back to the registry</a></p></main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html);
    }

    private boolean sentJson() {
        try {
            MediaType type = headers == null ? null : headers.getMediaType();
            return type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE);
        } catch (RuntimeException e) {
            return false; // outside a request, or a Content-Type that does not parse
        }
    }

    private static String reason(int status) {
        if (status == INSUFFICIENT_STORAGE) {
            return "insufficient_storage"; // not in JAX-RS's Response.Status
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "error" : known.getReasonPhrase().toLowerCase().replace(' ', '_');
    }
}
