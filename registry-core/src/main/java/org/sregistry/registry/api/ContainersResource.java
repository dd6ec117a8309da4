package org.sregistry.registry.api;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sregistry.api.AddRequest;
import org.sregistry.api.FolderNotWritableException;
import org.sregistry.api.ImageExistsException;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageName;
import org.sregistry.api.ImageQuery;
import org.sregistry.registry.access.Action;
import org.sregistry.registry.access.CollectionAccess;
import org.sregistry.registry.access.Decision;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.UnsupportedImageException;
import org.sregistry.registry.images.AddedImage;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.store.ImageTooLargeException;

/**
 * The images REST API (JSON). No authentication here: the host puts its filters in front.
 *
 * <pre>
 * GET    /api/containers?q=&amp;limit=&amp;offset=&amp;sort=name|newest|oldest|size
 * GET    /api/container/{uri}             the image (lookup rules of RegistryService)
 * GET    /api/container/{uri}/download    bytes; ETag, If-None-Match, Range
 * PUT    /api/containers/{collection}/{name}:{tag}   raw body, streamed; 201 new, 200 replaced,
 *        ?replace=false: 409 when the name exists (decided atomically with the add);
 *        413 over the size limit, 507 when the images folder is full or not writable (both refused
 *        before the body is read when Content-Length announces it); 415 when the bytes are not a
 *        container image (SIF, squashfs, ext3) and the collection takes images only
 * DELETE /api/container/{uri}             204, 404
 * </pre>
 *
 * <p>{uri} contains '/', ':' and '@', so it is matched with {@code .+}. The download template has
 * more literal characters and therefore wins (JAX-RS matching order) when a path ends in
 * {@code /download}; an image literally named {@code x/download} must be asked for with its tag,
 * {@code x/download:latest}.
 */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public final class ContainersResource {
    private static final int DEFAULT_LIMIT = 100;
    /** What is left of a refused upload is read up to this much (see {@link RefusedBodies}). */
    private static final long DRAIN_LIMIT = 16L << 20;

    private final JdbcRegistryService registry;
    private final long maxImageBytes;
    private final LongSupplier minFreeBytes;
    private final CollectionAccess access;
    private final ImageEvents events;

    /** Without a free-space floor: an announced upload is refused only when it cannot fit at all. */
    public ContainersResource(JdbcRegistryService registry, long maxImageBytes) {
        this(registry, maxImageBytes, () -> 0, CollectionAccess.OPEN, ImageEvents.NONE);
    }

    /**
     * @param registry      the images
     * @param maxImageBytes uploads declaring more than this are refused with 413 before a byte is read
     * @param minFreeBytes  the free space an upload must leave in the images folder (read per request,
     *                      it can change on the settings page); uploads declaring more than the free
     *                      space minus this are refused with 507 before a byte is read
     * @param access        who may read and write which collection (asked before every operation)
     * @param events        told of every push, pull and delete done (the host's audit log)
     */
    public ContainersResource(JdbcRegistryService registry, long maxImageBytes, LongSupplier minFreeBytes,
                              CollectionAccess access, ImageEvents events) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxImageBytes = maxImageBytes;
        this.minFreeBytes = Objects.requireNonNull(minFreeBytes, "minFreeBytes");
        this.access = Objects.requireNonNull(access, "access");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Lists images. */
    @GET
    @Path("containers")
    public ImageListJson list(@QueryParam("q") @DefaultValue("") String q,
                              @QueryParam("limit") @DefaultValue("100") String limit,
                              @QueryParam("offset") @DefaultValue("0") String offset,
                              @QueryParam("sort") @DefaultValue("newest") String sort) {
        ImageQuery query;
        try {
            query = new ImageQuery(q, parseSort(sort), parseInt("limit", limit, DEFAULT_LIMIT),
                    parseInt("offset", offset, 0));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", e.getMessage());
        }
        return ImageListJson.of(registry.list(query, access.visibleCollections().orElse(null)));
    }

    /** The image a URI designates. */
    @GET
    @Path("container/{uri: .+}")
    public ImageJson inspect(@PathParam("uri") String uri) {
        return ImageJson.of(find(uri));
    }

    /**
     * Refuses what the caller may not do: 401 when not signed in, 404 (exactly as for a missing
     * image) when the collection is hidden from them, 403 when they see it but may not do this.
     */
    private void require(String collection, Action action, String uri) {
        require(access.check(collection, action), collection, action, uri);
    }

    /** {@link #require} for a decision already made. */
    private static void require(Decision decision, String collection, Action action, String uri) {
        switch (decision) {
            case ALLOWED -> { }
            case SIGN_IN -> throw new ApiException(401, "unauthorized", "sign in to do this");
            case HIDDEN -> throw ApiException.notFound(uri);
            case DENIED -> throw new ApiException(403, "forbidden", "you may not " + verb(action)
                    + " collection " + collection);
        }
    }

    private static String verb(Action action) {
        return switch (action) {
            case PULL -> "pull from";
            case PUSH -> "push to";
            case DELETE -> "delete from";
            case MANAGE -> "manage";
        };
    }

    /** Uploads an image under {@code collection/name:tag}. */
    @PUT
    @Path("containers/{collection}/{name}:{tag}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("collection") String collection, @PathParam("name") String name,
                           @PathParam("tag") String tag, @QueryParam("replace") @DefaultValue("true") boolean replace,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                           InputStream body) throws IOException {
        ImageName target = ImageName.parse(collection + "/" + name + ":" + tag);
        Decision push = access.check(target.collection(), Action.PUSH);
        if (push != Decision.ALLOWED) {
            RefusedBodies.drain(body, DRAIN_LIMIT); // small bodies: the client reads the answer
            require(push, target.collection(), Action.PUSH, target.toString());
        }
        long announced = contentLength == null ? -1 : parseLong(contentLength);
        if (announced > maxImageBytes) {
            // Refused without reading: a read would make Jetty send "100 Continue" and the client
            // upload it all. Closing the connection ends a body the client sends anyway.
            return Response.fromResponse(ErrorBody.response(413, "too_large",
                    new ImageTooLargeException(maxImageBytes).getMessage()))
                    .header("Connection", "close").build();
        }
        if (announced >= 0) {
            // Same for a body that would not fit, or would leave less than the floor free: the host
            // answers the exception with 507 and closes the connection, without reading.
            registry.blobStore().checkRoom(announced, minFreeBytes.getAsLong());
        }
        AddedImage added;
        try {
            added = registry.add(AddRequest.of(body, target.toString(), Map.of()), replace);
        } catch (ImageExistsException e) {
            throw new ApiException(409, "exists", e.getMessage());
        } catch (ImageTooLargeException | InsufficientStorageException | FolderNotWritableException e) {
            RefusedBodies.drain(body, DRAIN_LIMIT); // 413 or (mapped by the host) 507, and the client can read it
            throw e;
        } catch (UnsupportedImageException e) {
            RefusedBodies.drain(body, DRAIN_LIMIT); // the client can read the answer; a larger rest is cut off with the connection
            return Response.fromResponse(ErrorBody.response(415, "unsupported_image", e.getMessage()))
                    .header("Connection", "close").build();
        } catch (InvalidImageNameException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", e.getMessage());
        }
        ImageInfo image = added.result().image();
        events.pushed(image.name().withoutVersion());
        ImageJson json = ImageJson.of(image);
        // 201 or 200 from what the transaction did, not from a look beforehand
        return added.created()
                ? Response.created(URI.create("/api/container/" + image.name().withoutVersion())).entity(json).build()
                : Response.ok(json).build();
    }

    /** Same as {@link #upload} with tag {@code latest}. */
    @PUT
    @Path("containers/{collection}/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response uploadLatest(@PathParam("collection") String collection, @PathParam("name") String name,
                                 @QueryParam("replace") @DefaultValue("true") boolean replace,
                                 @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                 InputStream body) throws IOException {
        return upload(collection, name, ImageName.DEFAULT_TAG, replace, contentLength, body);
    }

    /**
     * The image's bytes, whole or one range; written to the servlet response past Jersey's stream
     * (see {@link FileBody}).
     */
    @GET
    @Path("container/{uri: .+}/download")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response download(@PathParam("uri") String uri,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam("Range") String rangeHeader,
                             @HeaderParam("If-Range") String ifRange,
                             @Context HttpServletResponse servletResponse) throws IOException {
        return download(uri, find(uri), ifNoneMatch, rangeHeader, ifRange, servletResponse);
    }

    /** The download's headers only (size, ETag, ranges) — without opening or reading the file. */
    @HEAD
    @Path("container/{uri: .+}/download")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response downloadHead(@PathParam("uri") String uri,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                 @HeaderParam("Range") String rangeHeader,
                                 @HeaderParam("If-Range") String ifRange) throws IOException {
        return serve(find(uri), ifNoneMatch, rangeHeader, ifRange, false, null);
    }

    /**
     * {@link #download} of an image already looked up, its body written through the JAX-RS stream
     * alone (package-private for a test of the race).
     */
    Response download(String uri, ImageInfo image, String ifNoneMatch, String rangeHeader, String ifRange)
            throws IOException {
        return download(uri, image, ifNoneMatch, rangeHeader, ifRange, null);
    }

    private Response download(String uri, ImageInfo image, String ifNoneMatch, String rangeHeader, String ifRange,
                              HttpServletResponse servletResponse) throws IOException {
        Response response;
        try {
            response = serve(image, ifNoneMatch, rangeHeader, ifRange, true, servletResponse);
        } catch (NoSuchFileException e) {
            // Deleted or replaced between the lookup and the open: look once more (404 when gone).
            response = serve(find(uri), ifNoneMatch, rangeHeader, ifRange, true, servletResponse);
        }
        if (pullStarts(response)) {
            events.pulled(image.name().withoutVersion());
        }
        return response;
    }

    private Response serve(ImageInfo image, String ifNoneMatch, String rangeHeader, String ifRange, boolean withBody,
                           HttpServletResponse servletResponse) throws IOException {
        String etag = "\"" + image.version() + "\"";
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, image.version())) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        long size = image.size();
        Optional<ByteRange> range;
        try {
            boolean rangeStillValid = ifRange == null || etagMatches(ifRange, image.version());
            range = rangeStillValid ? ByteRange.parse(rangeHeader, size) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Response.status(416).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Range", "bytes */" + size)
                    .entity(new ErrorBody("range_not_satisfiable", e.getMessage())).build();
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        Response.ResponseBuilder response = Response.status(range.isPresent() ? 206 : 200)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE);
        if (withBody) {
            // Opened here, not in the StreamingOutput: an open file survives a concurrent delete
            // (unlink) or replace, and a missing file can still be answered with 404. FileBody closes it.
            FileChannel channel = FileChannel.open(registry.blobFile(image), StandardOpenOption.READ);
            response.entity(new FileBody(channel, first, length, servletResponse));
        }
        response.header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, etag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(image) + "\"")
                .lastModified(java.util.Date.from(image.updatedAt()));
        range.ifPresent(r -> response.header("Content-Range", r.contentRange(size)));
        return response.build();
    }

    /** Removes the image a URI designates. */
    @DELETE
    @Path("container/{uri: .+}")
    public Response delete(@PathParam("uri") String uri) {
        require(find(uri).name().collection(), Action.DELETE, uri);
        if (!registry.remove(uri)) {
            throw ApiException.notFound(uri);
        }
        events.deleted(uri);
        return Response.noContent().build();
    }

    /** A whole download or the first range of one: a resumed download (a later range) is not another pull. */
    private static boolean pullStarts(Response response) {
        if (response.getStatus() == 200) {
            return true;
        }
        String range = response.getHeaderString("Content-Range");
        return response.getStatus() == 206 && range != null && range.startsWith("bytes 0-");
    }

    /**
     * The image, when it exists and the caller may pull it; else 404, for a hidden image exactly as
     * for a missing one (also for an anonymous caller: a 401 would tell that the image exists).
     */
    private ImageInfo find(String uri) {
        return registry.get(uri)
                .filter(image -> access.check(image.name().collection(), Action.PULL) == Decision.ALLOWED)
                .orElseThrow(() -> ApiException.notFound(uri));
    }

    /** {@code singularity pull} style: name_tag.sif. */
    private static String fileName(ImageInfo image) {
        return image.name().name() + "_" + image.name().tag() + ".sif";
    }

    /** True when an If-None-Match / If-Range value names this version ({@code *}, weak or strong). */
    static boolean etagMatches(String header, String version) {
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("\"" + version + "\"") || tag.equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static ImageQuery.Sort parseSort(String sort) {
        try {
            return ImageQuery.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sort must be one of name, newest, oldest, size; got '" + sort + "'");
        }
    }

    private static int parseInt(String what, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_request", "Content-Length is not a number");
        }
    }
}
