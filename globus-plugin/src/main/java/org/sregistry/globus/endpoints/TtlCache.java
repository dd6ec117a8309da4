package org.sregistry.globus.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small time-limited cache: values live for {@code ttl}, at most {@code maxEntries} keys (oldest dropped).
 * Loading happens outside the lock, so a slow Globus answer for one key never blocks another key; two
 * concurrent misses of one key may both load (harmless: the later answer wins).
 *
 * @param <K> key
 * @param <V> value
 */
public final class TtlCache<K, V> {
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>();

    /** A cache on {@code clock}. */
    public TtlCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    /** A cached value with the time it was loaded. */
    public record Entry<V>(V value, Instant loadedAt, boolean hit) {
    }

    /** The fresh cached value, or a newly loaded one (also when {@code reload}). */
    public Entry<V> get(K key, boolean reload, Supplier<V> loader) {
        Instant now = clock.instant();
        if (!reload) {
            synchronized (this) {
                Entry<V> entry = entries.get(key);
                if (entry != null && now.isBefore(entry.loadedAt().plus(ttl))) {
                    return new Entry<>(entry.value(), entry.loadedAt(), true);
                }
            }
        }
        V value = loader.get();
        Entry<V> fresh = new Entry<>(value, now, false);
        synchronized (this) {
            entries.remove(key);
            entries.put(key, fresh);
            Iterator<K> oldest = entries.keySet().iterator();
            while (entries.size() > maxEntries) {
                oldest.next();
                oldest.remove();
            }
        }
        return fresh;
    }

    /** Forgets everything (after a login or logout). */
    public synchronized void clear() {
        entries.clear();
    }
}
