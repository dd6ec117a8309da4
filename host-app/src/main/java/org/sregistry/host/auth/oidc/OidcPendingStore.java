package org.sregistry.host.auth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.sregistry.registry.db.Database;

/**
 * The {@code oidc_pending} table: OIDC sign-ins started and not finished. A row is keyed by the SHA-256 of the
 * {@code state} and bound to the browser by the SHA-256 of a random cookie value; {@link #take} deletes it in the
 * same transaction that reads it, so a replayed callback finds nothing. Rows older than {@link #MAX_AGE} are void.
 */
public final class OidcPendingStore {
    /** How long a started sign-in may take. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final int MAX_NEXT_PATH = 2000;

    /** A stored sign-in ({@code codeVerifier} and {@code nextPath} may be null). */
    public record Row(String stateHash, String browserHash, String nonce, String codeVerifier, String nextPath,
                      long createdAt) {
        @Override
        public String toString() {
            return "Row[***]"; // the nonce and verifier stay out of logs
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public OidcPendingStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /** Stores a started sign-in (and deletes the void ones on the way). */
    public void put(String stateHash, String browserHash, String nonce, String codeVerifier, String nextPath) {
        long now = clock.millis();
        String next = nextPath == null || nextPath.length() > MAX_NEXT_PATH ? "/" : nextPath;
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM oidc_pending WHERE created_at <= :old")
                    .bind("old", now - MAX_AGE.toMillis()).execute();
            h.createUpdate("INSERT INTO oidc_pending (state_hash, browser_hash, nonce, code_verifier, next_path,"
                            + " created_at) VALUES (:s, :b, :n, :v, :next, :now)")
                    .bind("s", stateHash).bind("b", browserHash).bind("n", nonce).bind("v", codeVerifier)
                    .bind("next", next).bind("now", now).execute();
        });
    }

    /**
     * The sign-in stored under {@code stateHash}, deleted in the same transaction: a second call (a replayed
     * callback, or two racing ones) finds nothing. Empty too when the row is older than {@link #MAX_AGE}.
     */
    public Optional<Row> take(String stateHash) {
        if (stateHash == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Row> row = jdbi.inTransaction(h -> {
            Optional<Row> found = h.createQuery("SELECT state_hash, browser_hash, nonce, code_verifier, next_path,"
                            + " created_at FROM oidc_pending WHERE state_hash = :s")
                    .bind("s", stateHash)
                    .map((rs, ctx) -> new Row(rs.getString("state_hash"), rs.getString("browser_hash"),
                            rs.getString("nonce"), rs.getString("code_verifier"), rs.getString("next_path"),
                            rs.getLong("created_at")))
                    .findOne();
            if (found.isEmpty()) {
                return found;
            }
            int deleted = h.createUpdate("DELETE FROM oidc_pending WHERE state_hash = :s").bind("s", stateHash)
                    .execute();
            // another transaction took it between our read and delete: it is that one's
            return deleted == 1 ? found : Optional.<Row>empty();
        });
        return row.filter(r -> r.createdAt() > now - MAX_AGE.toMillis());
    }

    /** Deletes the void rows; answers how many. */
    public int sweep() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM oidc_pending WHERE created_at <= :old")
                .bind("old", clock.millis() - MAX_AGE.toMillis()).execute());
    }
}
