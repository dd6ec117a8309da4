package org.sregistry.host.auth;

import java.util.Optional;
import org.sregistry.host.users.User;

/**
 * Who is making the request being handled on this thread, set by {@link AuthFilter}. Pages read
 * the CSRF token and the signed-in user from here.
 *
 * @param path    the request path
 * @param user    the signed-in user, or null (public paths, anonymous)
 * @param session the browser session, or null for Basic/bearer requests
 */
public record CurrentRequest(String path, User user, Session session) {
    private static final ThreadLocal<CurrentRequest> CURRENT = new ThreadLocal<>();

    /** The request on this thread. */
    public static Optional<CurrentRequest> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The signed-in user of the request on this thread. */
    public static Optional<User> signedIn() {
        return get().map(CurrentRequest::user);
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
