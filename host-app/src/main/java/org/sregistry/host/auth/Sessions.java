package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory browser sessions (a restart logs everybody out, which is acceptable for an admin UI).
 * A session made before the password changed is void: whoever knew the old password is out.
 */
public final class Sessions {
    /** The session cookie's name. */
    public static final String COOKIE = "registry_session";
    private static final Duration MAX_AGE = Duration.ofHours(12);

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LongSupplier passwordGeneration;

    /** @param passwordGeneration the account's {@link AdminAccount#generation()} */
    public Sessions(Clock clock, LongSupplier passwordGeneration) {
        this.clock = clock;
        this.passwordGeneration = passwordGeneration;
    }

    /** Starts a session for {@code user}. */
    public Session create(String user) {
        Session session = new Session(PasswordHasher.randomSecret(32), user, PasswordHasher.randomSecret(24),
                clock.instant(), passwordGeneration.getAsLong());
        byId.values().removeIf(s -> s.createdAt().plus(MAX_AGE).isBefore(clock.instant())
                || s.passwordGeneration() != session.passwordGeneration()); // logins are rare: sweep here
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this id. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session != null && (session.createdAt().plus(MAX_AGE).isBefore(clock.instant())
                || session.passwordGeneration() != passwordGeneration.getAsLong())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    /** Ends a session. */
    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Session lifetime, for the cookie's Max-Age. */
    public Duration maxAge() {
        return MAX_AGE;
    }
}
