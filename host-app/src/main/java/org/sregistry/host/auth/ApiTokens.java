package org.sregistry.host.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;

/**
 * Bearer API tokens of each user, for scripts and registry clients. A token is shown once when
 * created; only its SHA-256 is kept (table {@code api_tokens}, looked up by that hash: no scan). A
 * token acts as its user, and only while the user is enabled.
 */
public final class ApiTokens {
    private static final String PREFIX = "reg_";
    private static final long TOUCH_EVERY_MS = 60_000;
    private final Jdbi jdbi;
    private final UserStore users;
    private final Clock clock;
    private final org.sregistry.host.audit.Audit audit;

    /** A token as its owner's list shows it (never the token itself). */
    public record TokenInfo(String id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    /** Who a valid token belongs to. */
    public record Holder(String tokenId, User user) {
    }

    /** @param audit records every creation and revocation ({@code auth.token.create|delete}), whichever page or API asked */
    public ApiTokens(Database database, UserStore users, Clock clock, org.sregistry.host.audit.Audit audit) {
        this.jdbi = database.jdbi();
        this.users = users;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Creates a token named {@code name} for the user; answers the token text (shown once).
     *
     * @throws IllegalArgumentException for a bad or taken name (the message says which)
     */
    public String create(String userId, String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("token name must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String token = PREFIX + PasswordHasher.randomSecret(24);
        try {
            jdbi.useHandle(h -> insert(h, userId, name, sha256(token), clock.millis()));
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new IllegalArgumentException("a token named " + name + " exists already");
            }
            throw e;
        }
        audit.record("auth.token.create", name, org.sregistry.host.audit.Audit.Outcome.OK, java.util.Map.of());
        return token;
    }

    /** Stores a token hash in the caller's transaction (the import of 0.x tokens keeps them valid). */
    static void insert(Handle h, String userId, String name, String tokenHash, long now) {
        h.createUpdate("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (:id, :u, :n, :h, :now)")
                .bind("id", UUID.randomUUID().toString()).bind("u", userId).bind("n", name).bind("h", tokenHash)
                .bind("now", now).execute();
    }

    /** Deletes a token of the user; true when it existed. */
    public boolean revoke(String userId, String name) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE user_id = :u AND name = :n")
                .bind("u", userId).bind("n", name).execute()) > 0;
        if (removed) {
            audit.record("auth.token.delete", name, org.sregistry.host.audit.Audit.Outcome.OK, java.util.Map.of());
        }
        return removed;
    }

    /** The user's tokens, by name. */
    public List<TokenInfo> list(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_at, last_used_at FROM api_tokens"
                        + " WHERE user_id = :u ORDER BY name")
                .bind("u", userId)
                .map((rs, ctx) -> {
                    long used = rs.getLong("last_used_at");
                    Instant lastUsed = rs.wasNull() ? null : Instant.ofEpochMilli(used);
                    return new TokenInfo(rs.getString("id"), rs.getString("name"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), lastUsed);
                })
                .list());
    }

    /** The names of the user's tokens. */
    public List<String> names(String userId) {
        return list(userId).stream().map(TokenInfo::name).toList();
    }

    /** The token's holder, when the token is valid and its user enabled. */
    public Optional<Holder> verify(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token.trim());
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("SELECT id, user_id, last_used_at FROM api_tokens"
                        + " WHERE token_hash = :h")
                .bind("h", hash).map((rs, ctx) -> {
                    long used = rs.getLong("last_used_at");
                    return new Row(rs.getString("id"), rs.getString("user_id"), rs.wasNull() ? null : used);
                }).findOne());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<User> user = users.byId(row.get().userId()).filter(User::enabled);
        if (user.isPresent()) {
            touch(row.get());
        }
        return user.map(u -> new Holder(row.get().id(), u));
    }

    /**
     * True while the token with this id exists and its user is enabled: what is made from a token
     * (an OCI bearer token, a library redirect) dies with it.
     */
    public boolean isCurrent(String tokenId) {
        if (tokenId == null) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.id = :id AND u.enabled = 1")
                .bind("id", tokenId).mapTo(Integer.class).one()) > 0;
    }

    /**
     * Records a use, at most once a minute per token: the time read with the token decides, so a busy
     * script costs no write (on SQLite, a write transaction) on every request.
     */
    private void touch(Row row) {
        long now = clock.millis();
        if (row.lastUsedAt() != null && row.lastUsedAt() >= now - TOUCH_EVERY_MS) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", now).bind("id", row.id()).execute());
    }

    /** A token's row, as verifying reads it. */
    private record Row(String id, String userId, Long lastUsedAt) {
    }

    /** SHA-256 hex, as tokens, session cookies and OIDC states are stored. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
