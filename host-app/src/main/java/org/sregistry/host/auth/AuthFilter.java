package org.sregistry.host.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sregistry.host.http.RequestPath;
import org.sregistry.registry.api.RefusedBodies;

/**
 * Login everywhere except {@code /login}, {@code /health} and static assets. Browsers log in with
 * a session cookie, and every unsafe request made with that cookie needs the session's CSRF token
 * (header {@code X-CSRF-Token} or form field {@code _csrf}). Scripts use HTTP Basic with a user's
 * credentials or a bearer API token; those requests need no CSRF token because browsers never
 * attach them on their own to cross-site requests.
 */
public final class AuthFilter implements Filter {
    /** The CSRF header name. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The CSRF form field name. */
    public static final String CSRF_FIELD = "_csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> PUBLIC_PREFIXES = List.of("/webjars/", "/static/");
    private static final Set<String> PUBLIC_PATHS = Set.of("/login", "/health", "/favicon.ico",
            "/assets/config/config.prod.json", "/version", // library:// discovery
            "/login/oidc", "/login/oidc/callback"); // OpenID Connect sign-in (404 when not configured)
    /**
     * Paths that check credentials themselves, the way their clients expect (the OCI API answers
     * with Bearer challenges and the spec's error bodies; the library API under {@code /v1/} with
     * library JSON). Cookies never authenticate there, so
     * they need no CSRF token either.
     */
    private static final List<String> SELF_AUTHENTICATED_PREFIXES = List.of("/v2/", "/v1/");
    private static final int MAX_FORM_BYTES = 1 << 20;
    /** Refused bodies up to this size are read to their end before the answer (see drainSmallBody). */
    private static final long MAX_DRAINED_BYTES = 1 << 20;
    /** Bodies of requests to public paths (the login form): small, read before anything else. */
    private static final int MAX_PUBLIC_BODY_BYTES = 64 << 10;

    private final Sessions sessions;
    private final PasswordLogins logins;
    private final ApiTokens tokens;

    private final String publicOrigin;
    private final AdminPaths adminPaths;
    private final java.util.function.BooleanSupplier anonymousReads;
    private final org.sregistry.host.audit.Audit audit;
    /** What anonymous callers may read when anonymous pull is on (the images themselves are checked per collection). */
    private static final List<String> ANONYMOUS_READ_PREFIXES = List.of("/container/", "/api/containers",
            "/api/container/", "/api/collections");

    /**
     * @param publicOrigin   the public URL's origin ({@code https://registry.example.org}), or null
     * @param adminPaths     what only administrators may use (others get 403)
     * @param anonymousReads true while anonymous callers may read public collections ({@code REGISTRY_ANONYMOUS_PULL})
     * @param audit          records failed script sign-ins (successes are not: a script signs in on every request)
     */
    public AuthFilter(Sessions sessions, PasswordLogins logins, ApiTokens tokens, String publicOrigin,
                      AdminPaths adminPaths, java.util.function.BooleanSupplier anonymousReads,
                      org.sregistry.host.audit.Audit audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.logins = logins;
        this.tokens = tokens;
        this.publicOrigin = publicOrigin;
        this.adminPaths = adminPaths;
        this.anonymousReads = anonymousReads;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = pathOf(request);
        try {
            boolean unsafe = !SAFE_METHODS.contains(request.getMethod());
            // A browser attaches cookies and cached Basic credentials to cross-site form posts: whatever
            // the credentials, a state change must come from this origin (scripts send no Origin at all).
            if (unsafe && crossSite(request)) {
                deny(response, path, 403, "cross_site", "cross-site request refused", false);
                return;
            }
            if (path.equals("/v2") || SELF_AUTHENTICATED_PREFIXES.stream().anyMatch(path::startsWith)) {
                chain.doFilter(request, response);
                return;
            }
            if (isPublic(path)) {
                if (unsafe) {
                    Optional<HttpServletRequest> small = smallBody(request);
                    if (small.isEmpty()) {
                        deny(response, path, 413, "too_large", "request body too large", false);
                        return;
                    }
                    request = small.get();
                }
                Optional<Session> session = sessions.find(cookie(request));
                CurrentRequest.set(new CurrentRequest(path, session.map(Session::user).orElse(null), session.orElse(null)));
                chain.doFilter(request, response);
                return;
            }
            Optional<Session> session = sessions.find(cookie(request));
            if (session.isPresent()) {
                HttpServletRequest checked = request;
                if (unsafe) {
                    Optional<HttpServletRequest> withToken = csrfChecked(request, session.get());
                    if (withToken.isEmpty()) {
                        deny(response, path, 403, "csrf_failed",
                                "missing or wrong CSRF token: reload the page and try again", false);
                        return;
                    }
                    checked = withToken.get();
                }
                if (!mayUse(session.get().user(), path)) {
                    if (acceptsHtml(request) && !unsafe) {
                        adminOnlyPage(response);
                    } else {
                        deny(response, path, 403, "forbidden", "only registry administrators may use this", false);
                    }
                    return;
                }
                CurrentRequest.set(new CurrentRequest(path, session.get().user(), session.get()));
                chain.doFilter(checked, response);
                return;
            }
            String authorization = request.getHeader("Authorization");
            boolean browser = acceptsHtml(request);
            if (authorization != null) {
                PasswordLogins.Result outcome = scriptLogin(authorization, request.getRemoteAddr());
                if (outcome.accepted()) {
                    if (!mayUse(outcome.user(), path)) {
                        drainSmallBody(request);
                        deny(response, path, 403, "forbidden", "only registry administrators may use this", false);
                        return;
                    }
                    CurrentRequest.set(new CurrentRequest(path, outcome.user(), null));
                    chain.doFilter(request, response);
                    return;
                }
                if (outcome.verdict() == LoginThrottle.Verdict.SLOWED) {
                    response.setHeader("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
                    deny(response, path, 429, "too_many_attempts", "too many failed logins; try again later", false);
                    return;
                }
                if (audit != null) {
                    audit.scriptSignInFailed(authorization, request.getRemoteAddr());
                }
                drainSmallBody(request);
                deny(response, path, 401, "unauthorized", "wrong credentials or API token", !browser);
                return;
            }
            if (!unsafe && anonymousReads.getAsBoolean() && anonymousRead(path)) {
                // anonymous pull: the resource answers each image as its collection allows (hidden = missing)
                CurrentRequest.set(new CurrentRequest(path, null, null));
                chain.doFilter(request, response);
                return;
            }
            if (wantsJson(request, path)) {
                drainSmallBody(request);
                // no Basic challenge for browsers: a cached Basic login would ride along on cross-site posts
                deny(response, path, 401, "unauthorized",
                        "log in, or send HTTP Basic credentials or a bearer API token", !browser);
            } else {
                response.sendRedirect("/login?next=" + URLEncoder.encode(pathWithQuery(request), StandardCharsets.UTF_8));
            }
        } finally {
            CurrentRequest.clear();
        }
    }

    private boolean mayUse(org.sregistry.host.users.User user, String path) {
        return user.admin() || !adminPaths.adminOnly(path);
    }

    private static boolean anonymousRead(String path) {
        return path.equals("/") || ANONYMOUS_READ_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private Optional<HttpServletRequest> csrfChecked(HttpServletRequest request, Session session) throws IOException {
        String header = request.getHeader(CSRF_HEADER);
        if (header != null) {
            return equal(header, session.csrfToken()) ? Optional.of(request) : Optional.empty();
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                return Optional.empty();
            }
            String token = formField(new String(body, StandardCharsets.UTF_8), CSRF_FIELD);
            return token != null && equal(token, session.csrfToken())
                    ? Optional.of(new CachedBodyRequest(request, body)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * HTTP Basic (a user's password: cached when right, throttled when wrong) or a bearer API token.
     * A wrong token is a plain 401 and counts for nothing: tokens are 192 random bits, there is
     * nothing to slow down, and counting them would let anyone slow a user's password down.
     */
    private PasswordLogins.Result scriptLogin(String authorization, String address) {
        PasswordLogins.Result rejected = new PasswordLogins.Result(LoginThrottle.Verdict.REJECTED, java.time.Duration.ZERO, null);
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return BasicCredentials.fromHeader(authorization).map(c -> logins.check(c.user(), c.password(), address))
                    .orElse(rejected);
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(authorization.substring(7).trim())
                    .map(holder -> new PasswordLogins.Result(LoginThrottle.Verdict.ACCEPTED, java.time.Duration.ZERO, holder.user()))
                    .orElse(rejected);
        }
        return rejected;
    }

    /** A small refused body is read to its end first, so the client gets the 401 (see {@link RefusedBodies}). */
    private static void drainSmallBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > MAX_DRAINED_BYTES) {
            return;
        }
        try {
            RefusedBodies.drain(request.getInputStream(), MAX_DRAINED_BYTES);
        } catch (IOException e) {
            // the client went away
        }
    }

    /** A browser that followed a link to an administrators' page gets a page, not JSON. */
    private static void adminOnlyPage(HttpServletResponse response) throws IOException {
        response.setStatus(403);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed"
                + " · Registry</title><link rel=\"stylesheet\" href=\"" + org.sregistry.host.web.Assets.pico() + "\">"
                + "</head><body><main class=\"container\"><h2>Only registry administrators may use this page</h2>"
                + "<p><a href=\"/\">Images</a> · <a href=\"/profile\">Your profile</a></p></main></body></html>");
    }

    private static void deny(HttpServletResponse response, String path, int status, String error, String message,
                             boolean basicChallenge) throws IOException {
        response.setStatus(status);
        if (basicChallenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"registry\", charset=\"UTF-8\"");
        }
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    /**
     * True when a browser says the request comes from another site (Origin or Fetch Metadata). This
     * site is the public URL's origin, or the host the request was sent to (behind a proxy that
     * rewrites {@code Host}, only the former matches what the browser sends).
     */
    boolean crossSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (origin.equalsIgnoreCase(publicOrigin)) {
                return false;
            }
            // "null" (sandboxed frames, redirects) names no origin at all: not this one
            try {
                String authority = "null".equals(origin) ? null : java.net.URI.create(origin).getRawAuthority();
                String host = request.getHeader("Host");
                return authority == null || host == null || !authority.equalsIgnoreCase(host);
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }

    /** A request to a public path whose body is small, replayable; empty when it is too large. */
    private static Optional<HttpServletRequest> smallBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_PUBLIC_BODY_BYTES) {
            return Optional.empty();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_PUBLIC_BODY_BYTES + 1);
        return body.length > MAX_PUBLIC_BODY_BYTES ? Optional.empty() : Optional.of(new CachedBodyRequest(request, body));
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static boolean wantsJson(HttpServletRequest request, String path) {
        String accept = request.getHeader("Accept");
        return path.startsWith("/api/") || path.equals("/metrics")
                || (accept != null && accept.contains("application/json") && !accept.contains("text/html"))
                || !"GET".equals(request.getMethod());
    }

    private static boolean isPublic(String path) {
        return PUBLIC_PATHS.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** The path Jetty serves the request under: decisions are never made on the raw URI. */
    static String pathOf(HttpServletRequest request) {
        return RequestPath.of(request);
    }

    private static String pathWithQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return pathOf(request) + (query == null ? "" : "?" + query);
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (Sessions.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // not form encoding (e.g. an image sent with curl's default form type): no token in this part
            }
        }
        return null;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
