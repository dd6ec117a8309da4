package org.sregistry.globus.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.sregistry.globus.connection.ConnectionStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sregistry.globus.connection.Connection;

/**
 * The connection check of the {@code /globus} page, reused for a short time while the stored login is unchanged
 * so a page served from cache makes no Globus call at all; one entry per connection (the service one and each user's). Only a confirmed connection is reused; a problem is
 * re-checked on the next view. A new login, a refreshed token or a logout rewrites the token file, which ends the
 * reuse at once; "refresh" re-checks too.
 */
final class ConnectionCache {
    /** How long a confirmed connection is reused. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** Most connections remembered. */
    static final int MAX_USERS = 1024;

    private final Clock clock;
    private final Map<String, Cached> cached = new ConcurrentHashMap<>();

    private record Cached(Object version, ConnectionStatus status, Instant at) {
    }

    ConnectionCache(Clock clock) {
        this.clock = clock;
    }

    /** The connection, checked against Globus unless a confirmed one of the same login is fresh. */
    ConnectionStatus get(Connection connection, boolean refresh) {
        String who = connection.isService() ? "" : connection.user();
        Object version = connection.credentialsVersion();
        Cached c = cached.get(who);
        Instant now = clock.instant();
        if (!refresh && c != null && Objects.equals(c.version(), version) && now.isBefore(c.at().plus(TTL))) {
            return c.status();
        }
        ConnectionStatus status = connection.status();
        // Cache only if the credentials did not change during the (slow) check: a logout meanwhile must not be
        // remembered as "connected". A refresh by the check itself changes the version too; the next view re-checks.
        boolean unchanged = Objects.equals(version, connection.credentialsVersion());
        if (status.connected() && unchanged) {
            if (cached.size() >= MAX_USERS) {
                cached.clear(); // a bound, not an eviction policy: a check costs one Globus request
            }
            cached.put(who, new Cached(version, status, now));
        } else {
            cached.remove(who);
        }
        return status;
    }

}
