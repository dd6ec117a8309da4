package org.sregistry.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sregistry.api.PluginStore;

/**
 * A {@link PluginStore} in memory, with the host's semantics: {@link #insertIfAbsent} claims a key once,
 * {@link #replace} is a real compare-and-set and {@link #increment} loses no count, all atomic across threads (every
 * call holds the store's lock); times
 * come from the given clock; {@link #list} is newest first (then by key, descending), like the host's database; and
 * the same arguments are refused (kind 1..100 characters, key 1..500, value at most 1,000,000 and not null). It
 * passes {@link PluginStoreContract}, the conformance test the host's store passes too.
 *
 * <p>Nothing is durable: a new store is empty. To test what happens across a restart, keep the store and give it to
 * the next {@link FakePluginContext} with {@link FakePluginContext#withStore(FakePluginStore)}.
 */
public final class FakePluginStore implements PluginStore {
    static final int MAX_KIND = 100;
    static final int MAX_KEY = 500;
    static final int MAX_VALUE = 1_000_000;

    private record Entry(String value, Instant createdAt, Instant updatedAt) {
    }

    private final Clock clock;
    private final Map<String, Map<String, Entry>> kinds = new HashMap<>();

    /** An empty store whose records are stamped by {@code clock}. */
    public FakePluginStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean insertIfAbsent(String kind, String key, String value) {
        checkAll(kind, key, value);
        Map<String, Entry> records = kinds.computeIfAbsent(kind, k -> new HashMap<>());
        if (records.containsKey(key)) {
            return false;
        }
        Instant now = clock.instant();
        records.put(key, new Entry(value, now, now));
        return true;
    }

    @Override
    public synchronized Optional<String> get(String kind, String key) {
        return Optional.ofNullable(kinds.getOrDefault(kind, Map.of()).get(key)).map(Entry::value);
    }

    @Override
    public synchronized void put(String kind, String key, String value) {
        checkAll(kind, key, value);
        Instant now = clock.instant();
        kinds.computeIfAbsent(kind, k -> new HashMap<>())
                .merge(key, new Entry(value, now, now), (old, fresh) -> new Entry(value, old.createdAt(), now));
    }

    @Override
    public synchronized boolean replace(String kind, String key, String expected, String value) {
        checkAll(kind, key, value);
        Objects.requireNonNull(expected, "expected");
        Map<String, Entry> records = kinds.get(kind);
        Entry current = records == null ? null : records.get(key);
        if (current == null || !current.value().equals(expected)) {
            return false;
        }
        records.put(key, new Entry(value, current.createdAt(), clock.instant()));
        return true;
    }

    @Override
    public synchronized long increment(String kind, String key, long delta) {
        check("kind", kind, MAX_KIND);
        check("key", key, MAX_KEY);
        Map<String, Entry> records = kinds.computeIfAbsent(kind, k -> new HashMap<>());
        Entry current = records.get(key);
        long sum = Math.addExact(current == null ? 0 : wholeNumber(kind, key, current.value()), delta);
        Instant now = clock.instant();
        records.put(key, new Entry(Long.toString(sum), current == null ? now : current.createdAt(), now));
        return sum;
    }

    /** The record's value as a counter; the host's message for one that is not. */
    static long wholeNumber(String kind, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("record " + kind + "/" + key + " is not a counter: it holds '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "', not a whole number");
        }
    }

    @Override
    public synchronized boolean delete(String kind, String key) {
        Map<String, Entry> records = kinds.get(kind);
        return records != null && records.remove(key) != null;
    }

    @Override
    public synchronized List<StoredRecord> list(String kind, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        List<StoredRecord> all = new ArrayList<>();
        kinds.getOrDefault(kind, Map.of()).forEach((key, e) ->
                all.add(new StoredRecord(kind, key, e.value(), e.createdAt(), e.updatedAt())));
        all.sort(Comparator.comparing(StoredRecord::createdAt).thenComparing(StoredRecord::key).reversed());
        return all.stream().skip(offset).limit(limit).toList();
    }

    /** Every record of every kind, for assertions ({@code kind -> key -> value}, a copy). */
    public synchronized Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> copy = new HashMap<>();
        kinds.forEach((kind, records) -> {
            if (!records.isEmpty()) {
                Map<String, String> values = new HashMap<>();
                records.forEach((key, e) -> values.put(key, e.value()));
                copy.put(kind, Map.copyOf(values));
            }
        });
        return Map.copyOf(copy);
    }

    private static void checkAll(String kind, String key, String value) {
        check("kind", kind, MAX_KIND);
        check("key", key, MAX_KEY);
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("value is longer than " + MAX_VALUE + " characters");
        }
    }

    private static void check(String what, String text, int max) {
        if (text == null || text.isEmpty() || text.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters");
        }
    }
}
