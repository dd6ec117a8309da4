package org.sregistry.globus.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.connection.GlobusServices;

/**
 * The connection check of the {@code /globus} page, reused for a short time while the stored login is unchanged
 * so a page served from cache makes no Globus call at all. Only a confirmed connection is reused; a problem is
 * re-checked on the next view. A new login, a refreshed token or a logout rewrites the token file, which ends the
 * reuse at once; "refresh" re-checks too.
 */
final class ConnectionCache {
    /** How long a confirmed connection is reused. */
    static final Duration TTL = Duration.ofSeconds(30);

    private final GlobusServices services;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Object version, ConnectionStatus status, Instant at) {
    }

    ConnectionCache(GlobusServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    /** The connection, checked against Globus unless a confirmed one of the same login is fresh. */
    ConnectionStatus get(boolean refresh) {
        Object version = credentialsVersion(services);
        Cached c = cached;
        Instant now = clock.instant();
        if (!refresh && c != null && Objects.equals(c.version(), version) && now.isBefore(c.at().plus(TTL))) {
            return c.status();
        }
        ConnectionStatus status = services.status();
        // Cache only if the credentials did not change during the (slow) check: a logout meanwhile must not be
        // remembered as "connected". A refresh by the check itself changes the version too; the next view re-checks.
        boolean unchanged = Objects.equals(version, credentialsVersion(services));
        cached = status.connected() && unchanged ? new Cached(version, status, now) : null;
        return status;
    }

    /** Changes whenever the token file is written (login, refresh, consent, logout) or the service roots change. */
    static Object credentialsVersion(GlobusServices services) {
        return services.tokenStore().read().updatedAt() + " " + services.roots();
    }
}
