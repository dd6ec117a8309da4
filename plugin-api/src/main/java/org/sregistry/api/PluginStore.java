package org.sregistry.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable records owned by one plugin, kept in the host database (so they are shared by every
 * registry process using that database). A record is a string value (typically JSON) under a
 * {@code kind} (a table-like namespace, e.g. {@code transfer}) and a {@code key}.
 *
 * <p>{@link #insertIfAbsent}, {@link #replace} and {@link #increment} are atomic across processes: use them to
 * claim work exactly once and to count.
 */
public interface PluginStore {

    /** A stored record. */
    record StoredRecord(String kind, String key, String value, Instant createdAt, Instant updatedAt) {
    }

    /** Inserts the record unless one exists under (kind, key); true when this call inserted it. */
    boolean insertIfAbsent(String kind, String key, String value);

    /** The value stored under (kind, key). */
    Optional<String> get(String kind, String key);

    /** Inserts or overwrites the record. */
    void put(String kind, String key, String value);

    /** Replaces the value only if it still equals {@code expected}; true when replaced. */
    boolean replace(String kind, String key, String expected, String value);

    /**
     * Adds {@code delta} (may be negative) to the whole number stored under (kind, key) and answers the new value;
     * a missing record counts as 0 and is created. Atomic across processes: of concurrent increments none is lost.
     * The value is stored as decimal text, so {@link #get} reads it as e.g. {@code "42"}.
     *
     * <pre>{@code
     * long runs = context.store().increment("stats", "runs", 1);
     * }</pre>
     *
     * @throws IllegalStateException when the record holds something other than a whole number
     * @throws ArithmeticException   when the sum overflows a {@code long}
     */
    long increment(String kind, String key, long delta);

    /** Deletes the record; true when one was deleted. */
    boolean delete(String kind, String key);

    /** Records of {@code kind}, newest first. */
    List<StoredRecord> list(String kind, int limit, int offset);
}
