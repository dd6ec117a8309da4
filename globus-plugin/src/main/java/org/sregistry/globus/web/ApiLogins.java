package org.sregistry.globus.web;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.sregistry.globus.connection.PendingLogin;
import org.sregistry.globus.consent.ConsentScope;

/**
 * Logins started through the JSON API ({@code POST /api/globus/login}, {@code POST /api/globus/consent/{id}}),
 * by a random login id; the PKCE verifier stays in server memory. Bounded and expiring like the page's logins, and
 * bounded per person too, so one account starting logins in a loop drops only its own older ones, never another
 * person's login in progress.
 */
final class ApiLogins {
    /** At most this many logins in progress in all. */
    static final int MAX_PENDING = 256;
    /** At most this many per connection (a person, or the service connection); the oldest is dropped beyond it. */
    static final int MAX_PER_CONNECTION = 4;

    private final Clock clock;
    private final Map<String, Started> pending = new LinkedHashMap<>();

    /**
     * A started login; {@code consent} is null for the main login; {@code user} whose connection it logs in (null:
     * the service connection), so only they can finish it.
     */
    record Started(PendingLogin login, ConsentScope consent, String user) {
    }

    ApiLogins(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a started login; answers its id. */
    synchronized String add(Started started) {
        pending.values().removeIf(s -> s.login().expired(clock.instant()));
        String id = UUID.randomUUID().toString();
        pending.put(id, started);
        long mine = pending.values().stream().filter(s -> Objects.equals(s.user(), started.user())).count();
        for (Iterator<Started> oldest = pending.values().iterator(); mine > MAX_PER_CONNECTION; ) {
            if (Objects.equals(oldest.next().user(), started.user())) {
                oldest.remove();
                mine--;
            }
        }
        Iterator<String> oldest = pending.keySet().iterator();
        while (pending.size() > MAX_PENDING) {
            oldest.next();
            oldest.remove();
        }
        return id;
    }

    /** The login with this id, unless expired. */
    synchronized Optional<Started> find(String id) {
        pending.values().removeIf(s -> s.login().expired(clock.instant()));
        return Optional.ofNullable(pending.get(id));
    }

    /** Forgets a login (used up). */
    synchronized void forget(String id) {
        pending.remove(id);
    }
}
