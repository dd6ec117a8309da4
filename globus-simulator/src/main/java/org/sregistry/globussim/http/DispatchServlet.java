package org.sregistry.globussim.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.sregistry.globussim.control.FaultInjector;
import org.sregistry.globussim.control.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single servlet in front of every route: finds the route, counts it, applies injected faults, runs the
 * handler and renders replies and errors in the route's service style.
 */
public final class DispatchServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchServlet.class);

    private final Router router;
    private final RequestStats stats;
    private final FaultInjector faults;

    public DispatchServlet(Router router, RequestStats stats, FaultInjector faults) {
        this.router = router;
        this.stats = stats;
        this.faults = faults;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = servicePath(req.getRequestURI());
        String method = req.getMethod();
        Router.Match match = router.find(method, path);
        if (match == null) {
            ErrorStyle style = styleFor(path);
            boolean exists = router.pathExists(path);
            ApiError e = exists
                    ? new ApiError(405, "ClientError.MethodNotAllowed", method + " is not allowed on " + path)
                    : new ApiError(404, "ClientError.NotFound", "No such resource: " + path);
            writeError(resp, style, e, path);
            return;
        }
        Route route = match.route();
        String resource = route.resourceOf(path);
        Reply reply;
        long answerDelay = 0;
        try {
            if (!route.isControl()) {
                stats.count(route.key());
                answerDelay = faults.apply(method, path, route.template());
            }
            reply = route.handler().handle(new Call(req, match.params(), resource));
        } catch (ApiError e) {
            writeError(resp, route.style(), e, resource);
            return;
        } catch (Exception e) {
            LOG.warn("Unexpected failure serving {} {}", method, path, e);
            writeError(resp, route.style(), new ApiError(500, "ServerError.InternalError",
                    "Unexpected simulator error: " + e), resource);
            return;
        }
        FaultInjector.sleep(answerDelay); // served already: only the answer is late
        // Write failures (client gone) are Jetty's business, not a handler failure.
        write(resp, reply);
    }

    /**
     * Globus serves each API at the root of its own host ({@code https://transfer.api.globus.org/v0.10/...},
     * {@code https://auth.globus.org/v2/...}). The official JavaScript SDK joins its absolute paths onto the service
     * URL ({@code new URL("/v0.10/...", base)}), which drops any path of the base, so {@code http://HOST:PORT/transfer/}
     * cannot work for it. The service paths are therefore also answered at the simulator's root: {@code /v0.10/...}
     * is Transfer and {@code /v2/...} is Auth, served by the same routes (same statistics keys, faults and
     * {@code resource} fields) as under {@code /transfer/} and {@code /auth/}.
     */
    static String servicePath(String path) {
        if (path.startsWith("/v0.10/")) return "/transfer" + path;
        if (path.startsWith("/v2/")) return "/auth" + path;
        return path;
    }

    private static ErrorStyle styleFor(String path) {
        if (path.startsWith("/auth/")) return ErrorStyle.AUTH;
        if (path.startsWith("/sim/")) return ErrorStyle.CONTROL;
        return ErrorStyle.TRANSFER;
    }

    private static void write(HttpServletResponse resp, Reply reply) throws IOException {
        resp.setStatus(reply.status());
        reply.headers().forEach(resp::setHeader);
        resp.setContentType(reply.contentType());
        byte[] bytes = reply.body() instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8)
                : Json.MAPPER.writeValueAsBytes(reply.body());
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void writeError(HttpServletResponse resp, ErrorStyle style, ApiError e, String resource) throws IOException {
        Map<String, Object> body = e.rawBody() != null ? e.rawBody() : errorBody(style, e, resource);
        Reply reply = Reply.json(e.status(), body);
        e.headers().forEach(reply::header);
        if (e.status() == 401 && style != ErrorStyle.CONTROL) reply.header("WWW-Authenticate", "Bearer");
        write(resp, reply);
    }

    static Map<String, Object> errorBody(ErrorStyle style, ApiError e, String resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (style) {
            case TRANSFER -> {
                body.put("code", e.code());
                body.put("message", e.getMessage());
                body.put("request_id", Ids.requestId());
                body.put("resource", resource);
                body.putAll(e.extra());
            }
            case AUTH -> {
                String title = authTitle(e.status());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("status", String.valueOf(e.status()));
                item.put("id", Ids.uuid());
                item.put("code", title.toUpperCase().replace(' ', '_'));
                item.put("detail", e.getMessage());
                item.put("title", title);
                body.put("errors", List.of(item));
                body.put("error", title.toLowerCase().replace(' ', '_'));
                body.put("error_description", title);
                body.putAll(e.extra());
            }
            case CONTROL -> {
                body.put("error", e.code());
                body.put("message", e.getMessage());
                body.putAll(e.extra());
            }
        }
        return body;
    }

    private static String authTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
