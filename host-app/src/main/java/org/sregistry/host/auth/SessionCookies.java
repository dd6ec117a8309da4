package org.sregistry.host.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.NewCookie;

/**
 * The session cookie: HttpOnly, SameSite=Lax, and {@code Secure} whenever the registry is reached
 * over https — the request came over TLS (or a trusted proxy said so), or the public URL is https
 * (then always, also for a request that arrived as plain http from the proxy).
 */
public final class SessionCookies {
    private final boolean publicUrlIsHttps;
    private final Sessions sessions;

    public SessionCookies(Sessions sessions, boolean publicUrlIsHttps) {
        this.sessions = sessions;
        this.publicUrlIsHttps = publicUrlIsHttps;
    }

    /** The cookie that carries {@code session}. */
    public NewCookie of(Session session, HttpServletRequest request) {
        return builder(request).value(session.id()).maxAge((int) sessions.maxAge().toSeconds()).build();
    }

    /** The cookie that removes the session cookie. */
    public NewCookie expired(HttpServletRequest request) {
        return builder(request).value("").maxAge(0).build();
    }

    private NewCookie.Builder builder(HttpServletRequest request) {
        return new NewCookie.Builder(Sessions.COOKIE).path("/").httpOnly(true)
                .secure(publicUrlIsHttps || request.isSecure())
                .sameSite(NewCookie.SameSite.LAX);
    }
}
