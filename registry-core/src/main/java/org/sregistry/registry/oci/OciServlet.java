package org.sregistry.registry.oci;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.FolderNotWritableException;
import org.sregistry.registry.api.ImageEvents;
import org.sregistry.registry.api.RefusedBodies;
import org.sregistry.registry.store.ImageTooLargeException;

/**
 * The OCI distribution API (spec v1.1) under {@code /v2/}: parses the route, asks
 * {@link OciAccess} whether the caller may, hands the work to the blob, manifest or list routes,
 * and maps every failure to the spec's error body in one place. Never a stack trace to a client.
 */
public final class OciServlet extends HttpServlet {
    /** Refused bodies up to this size are read to their end before the answer (see drainRefused). */
    private static final long MAX_DRAINED_BYTES = 16L << 20;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OciServlet.class);
    /** The request attribute the host's metrics read the route template from. */
    public static final String ROUTE_ATTRIBUTE = "org.sregistry.host.route";

    private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/([^/]+)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
    private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
    private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/([^/]+)");

    private final transient OciAccess access;
    private final transient BlobRoutes blobs;
    private final transient ManifestRoutes manifests;
    private final transient ListRoutes lists;
    private final transient ImageEvents events;

    /**
     * @param access decides who may do what; the host's accounts and tokens
     * @param events told of every manifest pushed, pulled (GET, not HEAD, not blobs) or deleted
     */
    public OciServlet(OciStore store, OciAccess access, ImageEvents events) {
        this.access = access;
        this.events = events;
        this.blobs = new BlobRoutes(store);
        this.manifests = new ManifestRoutes(store);
        this.lists = new ListRoutes(store);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OciResponses.common(response);
        String path = request.getRequestURI();
        String method = request.getMethod();
        try {
            route(request, response, path, method);
        } catch (OciException e) {
            drainRefused(request);
            OciResponses.error(response, e.status(), e.code(), e.getMessage());
        } catch (ImageTooLargeException e) {
            OciResponses.error(response, 413, OciError.SIZE_INVALID, e.getMessage());
        } catch (InsufficientStorageException | FolderNotWritableException e) {
            LOG.warn("OCI {} {}: {}", method, path, e.getMessage());
            OciResponses.error(response, 507, OciError.INSUFFICIENT_STORAGE, e.getMessage());
        } catch (IOException e) {
            // a client that hung up mid-body lands here too: nothing was stored
            LOG.info("OCI {} {} failed: {}", method, path, e.toString());
            OciResponses.error(response, 400, OciError.BLOB_UPLOAD_INVALID, "the request body could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("OCI {} {} failed", method, path, e);
            OciResponses.error(response, 500, OciError.UNSUPPORTED, "internal error; the registry's log has the details");
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String path, String method)
            throws IOException {
        if (path.equals("/v2/") || path.equals("/v2")) {
            template(request, "/v2/");
            if (allowed(request, response, null, Set.of())) {
                requireMethod(response, method, "GET", "HEAD");
                OciResponses.json(response, OciResponses.JSON.createObjectNode());
            }
            return;
        }
        if (path.equals("/v2/_catalog")) {
            template(request, "/v2/_catalog");
            requireMethod(response, method, "GET");
            if (allowed(request, response, null, EnumSet.of(OciAccess.Action.CATALOG))) {
                lists.catalog(request, response, access.visibleRepositories(request));
            }
            return;
        }
        Matcher m;
        if ((m = UPLOADS.matcher(path)).matches()) {
            template(request, "/v2/{name}/blobs/uploads/");
            String name = OciNames.repository(m.group(1));
            requireMethod(response, method, "POST");
            String from = QueryParams.get(request, "from");
            String mount = QueryParams.get(request, "mount");
            if (allowed(request, response, name, EnumSet.of(OciAccess.Action.PULL, OciAccess.Action.PUSH))) {
                boolean mayMount = mount != null && from != null && OciNames.repository(from) != null
                        && access.check(request, from, EnumSet.of(OciAccess.Action.PULL)).isEmpty();
                blobs.startUpload(request, response, name, mayMount ? from : null);
            }
        } else if ((m = UPLOAD.matcher(path)).matches()) {
            template(request, "/v2/{name}/blobs/uploads/{id}");
            String name = OciNames.repository(m.group(1));
            String id = m.group(2);
            requireMethod(response, method, "GET", "PATCH", "PUT", "DELETE");
            if (allowed(request, response, name, EnumSet.of(OciAccess.Action.PULL, OciAccess.Action.PUSH))) {
                switch (method) {
                    case "GET" -> blobs.uploadStatus(response, name, id);
                    case "PATCH" -> blobs.patch(request, response, name, id);
                    case "PUT" -> blobs.finish(request, response, name, id);
                    default -> blobs.cancel(response, name, id);
                }
            }
        } else if ((m = BLOB.matcher(path)).matches()) {
            template(request, "/v2/{name}/blobs/{digest}");
            String name = OciNames.repository(m.group(1));
            String digest = OciNames.digest(m.group(2));
            requireMethod(response, method, "GET", "HEAD", "DELETE");
            Set<OciAccess.Action> actions = method.equals("DELETE")
                    ? EnumSet.of(OciAccess.Action.DELETE) : EnumSet.of(OciAccess.Action.PULL);
            if (allowed(request, response, name, actions)) {
                if (method.equals("DELETE")) {
                    blobs.delete(response, name, digest);
                } else {
                    blobs.get(request, response, name, digest, method.equals("HEAD"));
                }
            }
        } else if ((m = MANIFEST.matcher(path)).matches()) {
            template(request, "/v2/{name}/manifests/{reference}");
            String name = OciNames.repository(m.group(1));
            String reference = m.group(2);
            requireMethod(response, method, "GET", "HEAD", "PUT", "DELETE");
            Set<OciAccess.Action> actions = switch (method) {
                case "PUT" -> EnumSet.of(OciAccess.Action.PULL, OciAccess.Action.PUSH);
                case "DELETE" -> EnumSet.of(OciAccess.Action.DELETE);
                default -> EnumSet.of(OciAccess.Action.PULL);
            };
            if (allowed(request, response, name, actions)) {
                String uri = name + (reference.contains(":") ? "@" : ":") + reference;
                switch (method) {
                    case "PUT" -> {
                        manifests.put(request, response, name, reference);
                        events.pushed(uri);
                    }
                    case "DELETE" -> {
                        manifests.delete(response, name, reference);
                        events.deleted(uri);
                    }
                    default -> {
                        manifests.get(response, name, reference, method.equals("HEAD"));
                        if (method.equals("GET") && response.getStatus() < 300) {
                            events.pulled(uri);
                        }
                    }
                }
            }
        } else if ((m = TAGS.matcher(path)).matches()) {
            template(request, "/v2/{name}/tags/list");
            String name = OciNames.repository(m.group(1));
            requireMethod(response, method, "GET");
            if (allowed(request, response, name, EnumSet.of(OciAccess.Action.PULL))) {
                lists.tags(request, response, name);
            }
        } else if ((m = REFERRERS.matcher(path)).matches()) {
            template(request, "/v2/{name}/referrers/{digest}");
            String name = OciNames.repository(m.group(1));
            String digest = OciNames.digest(m.group(2));
            requireMethod(response, method, "GET");
            if (allowed(request, response, name, EnumSet.of(OciAccess.Action.PULL))) {
                lists.referrers(request, response, name, digest);
            }
        } else {
            template(request, "/v2/*");
            throw new OciException(OciError.NAME_UNKNOWN, 404, "no such OCI endpoint: " + OciNames.clip(path));
        }
    }

    private boolean allowed(HttpServletRequest request, HttpServletResponse response, String repository,
                            Set<OciAccess.Action> actions) throws IOException {
        Optional<OciAccess.Refusal> refusal = access.check(request, repository, actions);
        if (refusal.isEmpty()) {
            return true;
        }
        OciAccess.Refusal r = refusal.get();
        drainRefused(request);
        if (r.wwwAuthenticate() != null) {
            response.setHeader("WWW-Authenticate", r.wwwAuthenticate());
        }
        if (r.status() == 429) {
            OciResponses.error(response, 429, OciError.TOOMANYREQUESTS, r.message());
        } else if (r.status() == 404) {
            OciResponses.error(response, 404, OciError.NAME_UNKNOWN, r.message());
        } else {
            OciResponses.error(response, r.status(), r.status() == 401 ? OciError.UNAUTHORIZED : OciError.DENIED, r.message());
        }
        return false;
    }

    /**
     * Reads what is left of a refused request's body, up to {@link #MAX_DRAINED_BYTES}, before the answer: a
     * client still sending a chunk (a PATCH out of order, a push without credentials) then reads the 416 or 401
     * instead of a broken pipe. Larger rests are cut off with the connection (see {@link RefusedBodies}).
     */
    private static void drainRefused(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= MAX_DRAINED_BYTES) {
            try {
                RefusedBodies.drain(request.getInputStream(), MAX_DRAINED_BYTES);
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the body was read as a reader: nothing left to drain
            }
        }
    }

    private static void requireMethod(HttpServletResponse response, String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        response.setHeader("Allow", String.join(", ", allowed));
        throw new OciException(OciError.UNSUPPORTED, 405, method + " is not supported here; allowed: "
                + String.join(", ", allowed));
    }

    private static void template(HttpServletRequest request, String template) {
        request.setAttribute(ROUTE_ATTRIBUTE, template);
    }

}
