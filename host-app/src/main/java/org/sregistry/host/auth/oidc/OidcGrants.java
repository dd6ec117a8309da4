package org.sregistry.host.auth.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sregistry.api.SecretUnreadableException;
import org.sregistry.host.secrets.Keyring;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code oidc_grants} table: tokens a sign-in received for other resource servers, one row per user and resource
 * server. The access and refresh token are stored only sealed by the host {@link Keyring}, bound to the row
 * ({@code host/oidc-grant/<user id>/<resource server>}), so a value copied into another user's row does not open.
 * {@link #replace} swaps a user's rows for a new sign-in's; {@link #take} reads and deletes a row in one transaction,
 * so it is handed over once; {@link #takeOlderThanMaxAge} does the same for rows older than {@link #MAX_AGE}.
 * A row whose seal no longer opens (a lost or retired key) is deleted and reported as absent, with a warning.
 * This class does no HTTP: revoking what it hands back is {@link OidcSignInGrants}'s.
 */
public final class OidcGrants {
    /** How long an untaken grant is kept. */
    public static final Duration MAX_AGE = Duration.ofDays(30);
    /** The keyring purpose of the sealed tokens. */
    static final String PURPOSE = "oidc-grant";
    private static final Logger LOG = LoggerFactory.getLogger(OidcGrants.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SEALED = 8000;
    private static final int MAX_SCOPE = 2000;
    private static final String COLUMNS = "user_id, resource_server, issuer, subject, sealed, scope, expires_at,"
            + " created_at";

    /**
     * A grant as stored, opened. {@link #toString()} leaves the tokens out.
     *
     * @param username the identity's {@code preferred_username} at sign-in, or null
     * @param name     the identity's display name at sign-in, or null
     */
    public record Stored(String userId, String issuer, String subject, ReceivedToken token, String username,
                         String name) {
        @Override
        public String toString() {
            return "Stored[user=" + userId + ", " + token + "]";
        }
    }

    /**
     * What {@link #replace} did.
     *
     * @param replaced the user's grants it replaced (for revocation); those that no longer open are left out
     * @param kept     the resource servers of the tokens it stored, in the order given (not one it left out)
     */
    public record Replacement(List<Stored> replaced, List<String> kept) {
        public Replacement {
            replaced = List.copyOf(replaced);
            kept = List.copyOf(kept);
        }
    }

    /** A row as read, still sealed. */
    private record Row(String userId, String resourceServer, String issuer, String subject, String sealed,
                       String scope, Long expiresAt, long createdAt) {
        @Override
        public String toString() {
            return "Row[" + userId + ", " + resourceServer + ", ***]";
        }
    }

    private final Jdbi jdbi;
    private final Keyring keyring;
    private final Clock clock;

    public OidcGrants(Database database, Keyring keyring, Clock clock) {
        this.jdbi = database.jdbi();
        this.keyring = keyring;
        this.clock = clock;
    }

    /**
     * Replaces the user's grants with {@code tokens} (none: the user keeps none), in one transaction. A token whose
     * sealed form or scope does not fit its column is left out, with a warning.
     *
     * @return the grants replaced and the resource servers kept
     */
    public Replacement replace(String userId, String issuer, String subject, List<ReceivedToken> tokens) {
        return replace(userId, issuer, subject, null, null, tokens);
    }

    /**
     * As {@link #replace(String, String, String, List)}, keeping the identity's user name and display name with the
     * tokens (sealed with them: no column holds them).
     */
    public Replacement replace(String userId, String issuer, String subject, String username, String name,
                               List<ReceivedToken> tokens) {
        long now = clock.millis();
        List<Row> fresh = new ArrayList<>();
        for (ReceivedToken token : tokens) {
            String sealed = keyring.seal(context(userId, token.resourceServer()), tokensJson(token, username, name));
            String scope = String.join(" ", token.scopes());
            if (sealed.length() > MAX_SEALED || scope.length() > MAX_SCOPE) {
                LOG.warn("Not keeping the {} token of user {}: longer than the table allows", token.resourceServer(),
                        userId);
                continue;
            }
            fresh.add(new Row(userId, token.resourceServer(), issuer, subject, sealed, scope,
                    token.expiresAt() == null ? null : token.expiresAt().toEpochMilli(), now));
        }
        List<Row> old;
        try {
            old = jdbi.inTransaction(h -> swap(h, userId, fresh));
        } catch (JdbiException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // another sign-in of the same user inserted between our delete and insert: the later one wins
            old = jdbi.inTransaction(h -> swap(h, userId, fresh));
        }
        return new Replacement(opened(old), fresh.stream().map(Row::resourceServer).toList());
    }

    private static List<Row> swap(Handle h, String userId, List<Row> fresh) {
        List<Row> old = h.createQuery("SELECT " + COLUMNS + " FROM oidc_grants WHERE user_id = :u").bind("u", userId)
                .map((rs, ctx) -> row(rs)).list();
        h.createUpdate("DELETE FROM oidc_grants WHERE user_id = :u").bind("u", userId).execute();
        for (Row r : fresh) {
            h.createUpdate("INSERT INTO oidc_grants (" + COLUMNS + ") VALUES (:u, :rs, :iss, :sub, :sealed, :scope,"
                            + " :exp, :now)")
                    .bind("u", r.userId()).bind("rs", r.resourceServer()).bind("iss", r.issuer())
                    .bind("sub", r.subject()).bind("sealed", r.sealed()).bind("scope", r.scope())
                    .bind("exp", r.expiresAt()).bind("now", r.createdAt()).execute();
        }
        return old;
    }

    /** The user's grant for {@code resourceServer}, deleted in the same transaction; empty when there is none. */
    public Optional<Stored> take(String userId, String resourceServer) {
        Optional<Row> row = jdbi.inTransaction(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM oidc_grants WHERE user_id = :u AND resource_server = :rs")
                .bind("u", userId).bind("rs", resourceServer).map((rs, ctx) -> row(rs)).findOne()
                .filter(r -> delete(h, r)));
        return row.flatMap(this::open);
    }

    /**
     * Takes up to {@code limit} grants older than {@link #MAX_AGE}, oldest first (for the sweep to revoke): each is
     * deleted as by {@link #take}, so a plugin taking it at the same moment and the sweep never both get it.
     */
    public List<Stored> takeOlderThanMaxAge(int limit) {
        long old = clock.millis() - MAX_AGE.toMillis();
        List<Row> due = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM oidc_grants WHERE created_at <= :old ORDER BY created_at LIMIT :n")
                .bind("old", old).bind("n", limit).map((rs, ctx) -> row(rs)).list());
        List<Row> taken = new ArrayList<>();
        for (Row r : due) {
            if (jdbi.inTransaction(h -> delete(h, r))) {
                taken.add(r);
            }
        }
        return opened(taken);
    }

    /** How many grants are kept (all users). */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oidc_grants").mapTo(Integer.class).one());
    }

    /** Deletes exactly this row (not a newer one of the same key); true when it was still there. */
    private static boolean delete(Handle h, Row r) {
        return h.createUpdate("DELETE FROM oidc_grants WHERE user_id = :u AND resource_server = :rs"
                        + " AND created_at = :c")
                .bind("u", r.userId()).bind("rs", r.resourceServer()).bind("c", r.createdAt()).execute() == 1;
    }

    private List<Stored> opened(List<Row> rows) {
        List<Stored> out = new ArrayList<>();
        for (Row r : rows) {
            open(r).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Stored> open(Row r) {
        JsonNode tokens;
        try {
            tokens = JSON.readTree(keyring.open(context(r.userId(), r.resourceServer()), r.sealed()).plaintext());
        } catch (SecretUnreadableException | JsonProcessingException e) {
            LOG.warn("Dropped the {} grant of user {}: it no longer opens ({})", r.resourceServer(), r.userId(),
                    e instanceof SecretUnreadableException ? e.getMessage() : "not JSON");
            return Optional.empty();
        }
        String refresh = tokens.path("refresh_token").isTextual() ? tokens.get("refresh_token").asText() : null;
        ReceivedToken token = new ReceivedToken(r.resourceServer(), tokens.path("access_token").asText(), refresh,
                r.expiresAt() == null ? null : Instant.ofEpochMilli(r.expiresAt()),
                new LinkedHashSet<>(Arrays.stream(r.scope().split(" ")).filter(s -> !s.isEmpty()).toList()));
        return Optional.of(new Stored(r.userId(), r.issuer(), r.subject(), token, text(tokens, "username"),
                text(tokens, "name")));
    }

    private static String tokensJson(ReceivedToken token, String username, String name) {
        ObjectNode json = JSON.createObjectNode();
        json.put("access_token", token.accessToken());
        if (token.refreshToken() != null) {
            json.put("refresh_token", token.refreshToken());
        }
        if (username != null) {
            json.put("username", username);
        }
        if (name != null) {
            json.put("name", name);
        }
        return json.toString();
    }

    private static String text(JsonNode json, String field) {
        return json.path(field).isTextual() ? json.get(field).asText() : null;
    }

    /** The seal's associated data: the purpose and the row's key. */
    static String context(String userId, String resourceServer) {
        return "host/" + PURPOSE + "/" + userId + "/" + resourceServer;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long exp = rs.getLong("expires_at");
        Long expiresAt = rs.wasNull() ? null : exp;
        return new Row(rs.getString("user_id"), rs.getString("resource_server"), rs.getString("issuer"),
                rs.getString("subject"), rs.getString("sealed"), rs.getString("scope"), expiresAt,
                rs.getLong("created_at"));
    }
}
