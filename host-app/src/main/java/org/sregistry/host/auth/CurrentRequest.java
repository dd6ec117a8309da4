package org.sregistry.host.auth;

import java.util.Optional;

/**
 * Who is making the request being handled on this thread, set by {@link AuthFilter}. Page
 * rendering reads the CSRF token from here.
 *
 * @param path      the request path
 * @param user      the authenticated user, or null on public paths
 * @param session   the browser session, or null for Basic/bearer requests
 */
public record CurrentRequest(String path, String user, Session session) {
    private static final ThreadLocal<CurrentRequest> CURRENT = new ThreadLocal<>();

    /** The request on this thread. */
    public static Optional<CurrentRequest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The CSRF token of the current session, or empty string. */
    public static String csrfToken() {
        return get().map(CurrentRequest::session).map(Session::csrfToken).orElse("");
    }

    static void set(CurrentRequest request) {
        CURRENT.set(request);
    }

    static void clear() {
        CURRENT.remove();
    }
}
