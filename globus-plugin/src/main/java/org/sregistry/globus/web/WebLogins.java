package org.sregistry.globus.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.sregistry.globus.connection.PendingLogin;

/**
 * Logins started from the web page, one per browser session, kept in memory only: the PKCE verifier never
 * reaches the browser (only the challenge inside the authorize URL does). A session is identified by a hash of
 * its CSRF token, which the host issues per session. Bounded and expiring, so abandoned attempts cost nothing.
 */
final class WebLogins {
    /**
     * At most this many sessions with a login in progress; the oldest is dropped beyond it. One per session, and a
     * session takes a sign-in (throttled by the host), so one person cannot push everyone else's out cheaply.
     */
    static final int MAX_PENDING = 256;

    private final Clock clock;
    private final Map<String, PendingLogin> pending = new LinkedHashMap<>();

    WebLogins(Clock clock) {
        this.clock = clock;
    }

    /** The session's login in progress that still matches the settings, or a new one from {@code start}. */
    synchronized PendingLogin current(String csrfToken, Supplier<PendingLogin> start, Matcher stillValid) {
        purgeExpired();
        String key = key(csrfToken);
        PendingLogin login = pending.get(key);
        if (login == null || !stillValid.matches(login)) {
            login = start.get();
            pending.remove(key);
            pending.put(key, login);
            while (pending.size() > MAX_PENDING) {
                Iterator<String> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return login;
    }

    /** The session's login in progress, if any. */
    synchronized Optional<PendingLogin> find(String csrfToken) {
        purgeExpired();
        return Optional.ofNullable(pending.get(key(csrfToken)));
    }

    /** Forgets the session's login (after it completed). */
    synchronized void forget(String csrfToken) {
        pending.remove(key(csrfToken));
    }

    private void purgeExpired() {
        pending.values().removeIf(login -> login.expired(clock.instant()));
    }

    private static String key(String csrfToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((csrfToken == null ? "" : csrfToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Whether a stored login can still be used (e.g. the settings did not change). */
    @FunctionalInterface
    interface Matcher {
        boolean matches(PendingLogin login);
    }
}
