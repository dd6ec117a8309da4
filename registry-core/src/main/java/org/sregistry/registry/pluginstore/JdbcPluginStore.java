package org.sregistry.registry.pluginstore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sregistry.api.PluginStore;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.db.SqlErrors;
import org.sregistry.registry.db.Transactions;

/**
 * {@link PluginStore} on the {@code plugin_records} table, scoped to one plugin id.
 *
 * <p>Atomicity comes from the database, so it holds across processes sharing it:
 * {@link #insertIfAbsent} is a plain INSERT that loses on the primary key, {@link #replace} is a
 * compare-and-set {@code UPDATE ... WHERE record_value = :expected}, and {@link #increment} is built from the two:
 * read, then insert or compare-and-set, again when another writer came between (the arithmetic stays in Java, so
 * SQLite and PostgreSQL treat a value that is not a number the same way).
 */
public final class JdbcPluginStore implements PluginStore {
    /** Limits of the columns (see V3__plugin_records.sql). */
    static final int MAX_KIND = 100;
    static final int MAX_KEY = 500;
    static final int MAX_VALUE = 1_000_000;

    private final Jdbi jdbi;
    private final String pluginId;
    private final Clock clock;

    /**
     * @param db       the migrated database
     * @param pluginId the owning plugin; records of other plugins are invisible
     * @param clock    the time source for created/updated times
     */
    public JdbcPluginStore(Database db, String pluginId, Clock clock) {
        this.jdbi = db.jdbi();
        this.pluginId = check("plugin id", pluginId, MAX_KIND);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean insertIfAbsent(String kind, String key, String value) {
        checkAll(kind, key, value);
        try {
            jdbi.useHandle(h -> insert(h, kind, key, value, clock.millis()));
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<String> get(String kind, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT record_value FROM plugin_records "
                        + "WHERE plugin_id = :p AND kind = :k AND record_key = :r")
                .bind("p", pluginId).bind("k", kind).bind("r", key).mapTo(String.class).findOne());
    }

    @Override
    public void put(String kind, String key, String value) {
        checkAll(kind, key, value);
        // Update first, insert when missing; a concurrent insert makes us retry, then the update wins.
        Transactions.retryingVoid(jdbi, h -> {
            long now = clock.millis();
            int updated = h.createUpdate("UPDATE plugin_records SET record_value = :v, updated_at = :now "
                            + "WHERE plugin_id = :p AND kind = :k AND record_key = :r")
                    .bind("v", value).bind("now", now).bind("p", pluginId).bind("k", kind).bind("r", key).execute();
            if (updated == 0) {
                insert(h, kind, key, value, now);
            }
        });
    }

    @Override
    public boolean replace(String kind, String key, String expected, String value) {
        checkAll(kind, key, value);
        Objects.requireNonNull(expected, "expected");
        return jdbi.withHandle(h -> h.createUpdate("UPDATE plugin_records SET record_value = :v, updated_at = :now "
                        + "WHERE plugin_id = :p AND kind = :k AND record_key = :r AND record_value = :e")
                .bind("v", value).bind("now", clock.millis()).bind("p", pluginId).bind("k", kind).bind("r", key)
                .bind("e", expected).execute()) == 1;
    }

    @Override
    public long increment(String kind, String key, long delta) {
        check("kind", kind, MAX_KIND);
        check("key", key, MAX_KEY);
        for (int attempt = 1; ; attempt++) {
            Optional<String> current = get(kind, key);
            if (current.isEmpty()) {
                if (insertIfAbsent(kind, key, Long.toString(delta))) {
                    return delta;
                }
            } else {
                long sum = Math.addExact(wholeNumber(kind, key, current.get()), delta);
                if (replace(kind, key, current.get(), Long.toString(sum))) {
                    return sum;
                }
            }
            backOff(attempt); // another writer changed the record between our read and write
        }
    }

    private static long wholeNumber(String kind, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("record " + kind + "/" + key + " is not a counter: it holds '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "', not a whole number");
        }
    }

    /** Each round of racing writers has a winner; a loser waits a little longer each time it loses again. */
    private static void backOff(int attempt) {
        if (attempt < 3) {
            return;
        }
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while incrementing a counter", e);
        }
    }

    @Override
    public boolean delete(String kind, String key) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM plugin_records "
                        + "WHERE plugin_id = :p AND kind = :k AND record_key = :r")
                .bind("p", pluginId).bind("k", kind).bind("r", key).execute()) == 1;
    }

    @Override
    public List<StoredRecord> list(String kind, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT kind, record_key, record_value, created_at, updated_at "
                        + "FROM plugin_records WHERE plugin_id = :p AND kind = :k "
                        + "ORDER BY created_at DESC, record_key DESC LIMIT :limit OFFSET :offset")
                .bind("p", pluginId).bind("k", kind).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5))))
                .list());
    }

    private void insert(Handle h, String kind, String key, String value, long now) {
        h.createUpdate("INSERT INTO plugin_records (plugin_id, kind, record_key, record_value, created_at, updated_at) "
                        + "VALUES (:p, :k, :r, :v, :now, :now)")
                .bind("p", pluginId).bind("k", kind).bind("r", key).bind("v", value).bind("now", now).execute();
    }

    private static void checkAll(String kind, String key, String value) {
        check("kind", kind, MAX_KIND);
        check("key", key, MAX_KEY);
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("value is longer than " + MAX_VALUE + " characters");
        }
    }

    private static String check(String what, String text, int max) {
        if (text == null || text.isEmpty() || text.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters");
        }
        return text;
    }
}
