package org.sregistry.host.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.RegistryService;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.http.RequestPath;
import org.sregistry.host.oci.OciCredentials;
import org.sregistry.host.oci.OciRealm;
import org.sregistry.host.oci.OciTokens;
import org.sregistry.registry.oci.OciServlet;

/**
 * The part of the Sylabs Library API that {@code library://} needs when images travel over OCI
 * (the "OCI redirect"): discovery ({@code /assets/config/config.prod.json}, {@code /version}),
 * token checks ({@code /v1/token-status}), image facts ({@code /v1/images/...}) and the redirect
 * itself ({@code /v1/oci-redirect}), which hands the client a {@code /v2/} token and the OCI name of
 * the image. The bytes then move over {@code /v2/}. Library JSON throughout: {@code {"data":..}} or
 * {@code {"error":{"code","message"}}}, never a stack trace. Paths map as {@link LibraryPaths} says.
 *
 * <p>Discovery is public; everything else needs a bearer API token (what {@code apptainer remote
 * login} stores) or HTTP Basic: anonymous pull is off, as on {@code /v2/}.
 */
public final class LibraryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LibraryServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The config the client fetches from {@code https://<remote>/assets/config/config.prod.json}. */
    public static final String CONFIG_PATH = "/assets/config/config.prod.json";
    /** The service version endpoint (per service URI; all of ours are this origin). */
    public static final String VERSION_PATH = "/version";
    /** Everything under {@code /v1/}. */
    public static final String V1_PREFIX = "/v1/";
    /**
     * The library API version reported. The client compares it only on its legacy (non-OCI) paths
     * (2.0.0-alpha.1: v2 uploads, 2.0.0-alpha.2: per-architecture tags); the OCI redirect is taken
     * whenever {@code /v1/oci-redirect} answers 200, whatever this says.
     */
    public static final String API_VERSION = "2.0.0";
    /**
     * How long a redirect token lasts. The library client asks once per push or pull and uses that
     * token for every request of the transfer (it never refreshes), so it must outlast the largest
     * upload; it grants no more than the API token it was issued against, and only for one repository.
     */
    public static final Duration REDIRECT_TOKEN_LIFETIME = Duration.ofHours(6);
    private static final Set<String> ACCESS_TYPES = Set.of("pull", "push");

    private final transient RegistryService registry;
    private final transient OciCredentials credentials;
    private final transient OciTokens tokens;
    private final transient OciRealm realm;
    private final String version;
    private final transient org.sregistry.host.oci.OciGrants grants;

    /**
     * @param grants  what each caller may do (images they may not pull are answered as missing)
     * @param version the registry's version, as {@code /version} reports it
     */
    public LibraryServlet(RegistryService registry, OciCredentials credentials, OciTokens tokens, OciRealm realm,
                          org.sregistry.host.oci.OciGrants grants, String version) {
        this.registry = registry;
        this.grants = grants;
        this.credentials = credentials;
        this.tokens = tokens;
        this.realm = realm;
        this.version = version;
    }

    /** A refusal or other answer that ends the request with library JSON. */
    private static final class LibraryError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        LibraryError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String path = RequestPath.of(request);
        try {
            route(request, response, path);
        } catch (LibraryError e) {
            error(response, e.status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("library API {} {} failed", request.getMethod(), path, e);
            error(response, 500, "internal error; the registry's log has the details");
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        if (path.equals(CONFIG_PATH)) {
            template(request, CONFIG_PATH);
            requireGet(request);
            config(request, response);
        } else if (path.equals(VERSION_PATH)) {
            template(request, VERSION_PATH);
            requireGet(request);
            ObjectNode data = JSON.createObjectNode().put("version", version).put("apiVersion", API_VERSION);
            data(response, data);
        } else if (path.equals("/v1/token-status")) {
            template(request, "/v1/token-status");
            requireGet(request);
            tokenStatus(request, response);
        } else if (path.startsWith("/v1/images/")) {
            template(request, "/v1/images/{ref}");
            requireGet(request);
            image(request, response, path.substring("/v1/images/".length()));
        } else if (path.equals("/v1/oci-redirect")) {
            template(request, "/v1/oci-redirect");
            requireGet(request);
            redirect(request, response);
        } else {
            template(request, "/v1/*");
            throw new LibraryError(404, "no such library API endpoint: " + clip(path)
                    + " (this registry serves library:// through the OCI redirect only)");
        }
    }

    /** Discovery: every service of the remote is this origin (the keystore too: the client insists on one). */
    private void config(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = realm.origin(request);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("libraryAPI").put("uri", origin);
        body.putObject("keystoreAPI").put("uri", origin);
        body.putObject("tokenAPI").put("uri", origin);
        write(response, 200, body);
    }

    /** {@code remote login} and {@code remote status}: 200 for a valid API token, else 401. */
    private void tokenStatus(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("send the API token as 'Authorization: Bearer <token>'");
        }
        if (!credentials.apiToken(authorization.substring(7)).accepted()) {
            throw unauthorized("the token is not valid (revoked, mistyped, or from another registry)");
        }
        data(response, JSON.createObjectNode().put("status", "valid"));
    }

    /** {@code GET /v1/images/<path>:<tag>?arch=}: the image's hash and size, for the client's cache check. */
    private void image(HttpServletRequest request, HttpServletResponse response, String ref) throws IOException {
        OciCredentials.Outcome caller = authenticate(request);
        int colon = ref.lastIndexOf(':');
        String namespace = colon < 0 ? ref : ref.substring(0, colon);
        String tag = colon < 0 ? "latest" : ref.substring(colon + 1);
        String lookup = LibraryPaths.imageLookup(namespace, tag).orElseThrow(() -> new LibraryError(404,
                "'" + clip(ref) + "' is not an image reference of this registry: use [entity/]collection/name:tag"));
        Optional<ImageInfo> found;
        try {
            found = registry.get(lookup);
        } catch (InvalidImageNameException e) {
            throw new LibraryError(404, e.getMessage());
        }
        // an image the caller may not pull is answered exactly like a missing one
        ImageInfo image = found.filter(i -> grants.permissions().decide(caller.user(), i.name().collection(),
                        org.sregistry.registry.access.Action.PULL).allowed())
                .orElseThrow(() -> new LibraryError(404, "image " + lookup + " does not exist"));
        String arch = image.fileInfo().get("sif.arch");
        String wanted = query(request, "arch");
        if (wanted != null && !wanted.isEmpty() && arch != null && !arch.equals(wanted)) {
            throw new LibraryError(404, "image " + lookup + " is for " + arch + ", not " + wanted);
        }
        String hex = image.version().substring("sha256:".length());
        String[] parts = namespace.startsWith("/") ? namespace.substring(1).split("/") : namespace.split("/");
        ObjectNode data = JSON.createObjectNode();
        data.put("id", image.version());
        data.put("hash", "sha256." + hex);
        data.put("size", image.size());
        data.put("uploaded", true);
        data.put("deleted", false);
        data.put("description", "");
        data.put("customData", "");
        data.put("createdBy", "");
        data.put("createdAt", image.createdAt().toString());
        data.put("updatedAt", image.updatedAt().toString());
        if (arch != null) {
            data.put("arch", arch);
        }
        data.put("container", image.name().collection() + "/" + image.name().name());
        data.put("entityName", parts.length == 3 ? parts[0] : "");
        data.put("collectionName", image.name().collection());
        data.put("containerName", image.name().name());
        data.putArray("tags").add(image.name().tag());
        data.put("containerStars", 0);
        data.put("containerDownloads", 0);
        data(response, data);
    }

    /**
     * {@code GET /v1/oci-redirect?namespace=<e/c/n>&mapped=1&accessTypes=pull[,push]}: a {@code /v2/}
     * token for the image's repository and where {@code /v2/} is. Plain JSON (not wrapped in
     * {@code data}): {@code {"token","url","name"}}; the client joins {@code url} and
     * {@code v2/<name>/...}, so {@code url} ends in a slash.
     */
    private void redirect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OciCredentials.Outcome caller = authenticate(request);
        String namespace = query(request, "namespace");
        if (namespace == null || namespace.isEmpty()) {
            throw new LibraryError(400, "namespace is required: ?namespace=<entity>/<collection>/<name>");
        }
        String repository = LibraryPaths.repository(namespace).orElseThrow(() -> new LibraryError(404,
                "'" + clip(namespace) + "' names no repository of this registry: use [entity/]collection/name"));
        Set<String> actions = new LinkedHashSet<>();
        String accessTypes = query(request, "accessTypes");
        for (String a : (accessTypes == null || accessTypes.isBlank() ? "pull" : accessTypes).split(",")) {
            if (ACCESS_TYPES.contains(a.trim())) {
                actions.add(a.trim());
            }
        }
        if (actions.isEmpty()) {
            throw new LibraryError(400, "accessTypes must name pull and/or push");
        }
        List<String> ordered = new ArrayList<>();
        for (String a : List.of("pull", "push")) {
            if (actions.contains(a)) {
                ordered.add(a);
            }
        }
        List<OciTokens.Grant> granted = grants.allowed(caller.user(),
                List.of(new OciTokens.Grant("repository", repository, List.copyOf(ordered))));
        if (granted.isEmpty()) {
            // hidden and missing repositories are answered alike; a visible one the caller may not push to says so
            throw grants.refusal(caller.user(), repository) == org.sregistry.registry.access.Decision.DENIED
                    ? new LibraryError(403, "you may not " + String.join(" or ", ordered) + " " + repository)
                    : new LibraryError(404, "image " + repository + " does not exist");
        }
        String token = tokens.issue(caller.subject(), caller.source(), realm.service(request), granted,
                REDIRECT_TOKEN_LIFETIME);
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token);
        body.put("url", realm.origin(request) + "/");
        body.put("name", repository);
        write(response, 200, body);
    }

    /** The caller; a bearer API token or HTTP Basic, else a 401 (429 when slowed). */
    private OciCredentials.Outcome authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("authentication required: 'apptainer remote login' with an API token of this registry");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) && !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("unsupported Authorization scheme: send a bearer API token");
        }
        OciCredentials.Outcome outcome = credentials.header(authorization, request.getRemoteAddr());
        if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
            throw new LibraryError(429, "too many failed logins; try again in "
                    + Math.max(1, outcome.retryAfter().toSeconds()) + " s");
        }
        if (!outcome.accepted()) {
            throw unauthorized("wrong credentials or API token");
        }
        return outcome;
    }

    private static LibraryError unauthorized(String message) {
        return new LibraryError(401, message);
    }

    private static void requireGet(HttpServletRequest request) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            throw new LibraryError(405, request.getMethod() + " is not supported here; use GET");
        }
    }

    /** A query parameter from the query string only (never a form body). */
    private static String query(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                throw new LibraryError(400, "malformed query string");
            }
        }
        return null;
    }

    private static void template(HttpServletRequest request, String template) {
        request.setAttribute(OciServlet.ROUTE_ATTRIBUTE, template);
    }

    private static void data(HttpServletResponse response, ObjectNode data) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        write(response, 200, body);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"library\"");
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status).put("message", message);
        write(response, status, body);
    }

    private static void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
