package org.sregistry.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable records owned by one plugin, kept in the host database (so they are shared by every
 * registry process using that database). A record is a string value (typically JSON) under a
 * {@code kind} (a table-like namespace, e.g. {@code transfer}) and a {@code key}.
 *
 * <p>{@link #insertIfAbsent} and {@link #replace} are atomic across processes: use them to claim
 * work exactly once.
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

    /** Deletes the record; true when one was deleted. */
    boolean delete(String kind, String key);

    /** Records of {@code kind}, newest first. */
    List<StoredRecord> list(String kind, int limit, int offset);
}
