package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;

/**
 * Browser sessions, stored in the database: they survive a restart, every node of a cluster sees
 * them, and an administrator can end them. Only the SHA-256 of the cookie value is stored, so a
 * copy of the database lets nobody in. A session is void once its user is disabled or changes
 * password (the user's credential generation moved on).
 */
public final class Sessions {
    /** The session cookie's name. */
    public static final String COOKIE = "registry_session";
    private static final Duration MAX_AGE = Duration.ofHours(12);
    private static final long TOUCH_EVERY_MS = 60_000;

    private final Jdbi jdbi;
    private final UserStore users;
    private final Clock clock;

    public Sessions(Database database, UserStore users, Clock clock) {
        this.jdbi = database.jdbi();
        this.users = users;
        this.clock = clock;
    }

    /** Starts a session for {@code user}, signed in by {@code method} from {@code address}. */
    public Session create(User user, String method, String address) {
        String id = PasswordHasher.randomSecret(32);
        String csrf = PasswordHasher.randomSecret(24);
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf_token, method, credential_gen,"
                        + " address, created_at, last_seen_at, expires_at)"
                        + " VALUES (:h, :u, :c, :m, :g, :a, :now, :now, :exp)")
                .bind("h", ApiTokens.sha256(id)).bind("u", user.id()).bind("c", csrf).bind("m", method)
                .bind("g", user.credentialGen()).bind("a", address == null ? null : clip(address, 64))
                .bind("now", now).bind("exp", now + MAX_AGE.toMillis())
                .execute());
        users.signedIn(user.id());
        return new Session(id, user, csrf, Instant.ofEpochMilli(now), method);
    }

    /** The live session with this cookie value. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String hash = ApiTokens.sha256(id);
        long now = clock.millis();
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("SELECT user_id, csrf_token, method, credential_gen,"
                        + " created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = :h")
                .bind("h", hash)
                .map((rs, ctx) -> new Row(rs.getString("user_id"), rs.getString("csrf_token"), rs.getString("method"),
                        rs.getLong("credential_gen"), rs.getLong("created_at"), rs.getLong("last_seen_at"),
                        rs.getLong("expires_at")))
                .findOne());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        Optional<User> user = users.byId(r.userId()).filter(User::enabled).filter(u -> u.credentialGen() == r.gen());
        if (user.isEmpty() || r.expiresAt() <= now) {
            end(id);
            return Optional.empty();
        }
        if (now - r.lastSeenAt() > TOUCH_EVERY_MS) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE id_hash = :h")
                    .bind("now", now).bind("h", hash).execute());
        }
        return Optional.of(new Session(id, user.get(), r.csrf(), Instant.ofEpochMilli(r.createdAt()), r.method()));
    }

    private record Row(String userId, String csrf, String method, long gen, long createdAt, long lastSeenAt,
                       long expiresAt) {
    }

    /** Ends a session. */
    public void end(String id) {
        if (id != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :h")
                    .bind("h", ApiTokens.sha256(id)).execute());
        }
    }

    /** Deletes expired sessions; answers how many. */
    public int sweep() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", clock.millis()).execute());
    }

    /** Session lifetime, for the cookie's Max-Age. */
    public Duration maxAge() {
        return MAX_AGE;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
