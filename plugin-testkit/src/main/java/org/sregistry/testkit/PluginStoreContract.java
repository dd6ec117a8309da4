package org.sregistry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sregistry.api.PluginStore;

/**
 * What every {@link PluginStore} does, as JUnit 5 tests: the host's database store and {@link FakePluginStore} both
 * pass it, so a plugin unit-tested on the fake meets the same semantics on the host. Extend it and make a fresh,
 * empty store stamped by the given clock:
 *
 * <pre>{@code
 * class MyStoreTest extends PluginStoreContract {
 *     @Override protected PluginStore newStore(Clock clock) { return new MyStore(clock); }
 * }
 * }</pre>
 */
public abstract class PluginStoreContract {
    private static final int THREADS = 8;
    private static final int INCREMENTS_PER_THREAD = 25;

    /** The clock given to {@link #newStore}; tests move it. */
    protected final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
    private PluginStore store;

    /** A new, empty store whose created/updated times come from {@code clock}. */
    protected abstract PluginStore newStore(Clock clock) throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore(clock);
    }

    @Test
    void insertIfAbsentClaimsAKeyOnce() {
        assertTrue(store.insertIfAbsent("job", "a", "first"));
        assertFalse(store.insertIfAbsent("job", "a", "second"));
        assertEquals(Optional.of("first"), store.get("job", "a"));
        assertTrue(store.insertIfAbsent("other", "a", "x"), "kinds are separate");
    }

    @Test
    void putInsertsOrOverwritesAndKeepsTheCreationTime() {
        store.put("job", "a", "1");
        Instant created = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        store.put("job", "a", "2");
        PluginStore.StoredRecord record = store.list("job", 10, 0).get(0);
        assertEquals("2", record.value());
        assertEquals(created, record.createdAt());
        assertEquals(clock.instant(), record.updatedAt());
    }

    @Test
    void replaceIsCompareAndSet() {
        store.put("job", "a", "A");
        assertTrue(store.replace("job", "a", "A", "B"));
        assertFalse(store.replace("job", "a", "A", "C"), "the expected value is gone");
        assertEquals(Optional.of("B"), store.get("job", "a"));
        assertFalse(store.replace("job", "missing", "A", "B"), "nothing to replace");
        assertEquals(Optional.empty(), store.get("job", "missing"));
    }

    @Test
    void deleteSaysWhetherItDeleted() {
        store.put("job", "a", "A");
        assertTrue(store.delete("job", "a"));
        assertFalse(store.delete("job", "a"));
        assertEquals(Optional.empty(), store.get("job", "a"));
        assertTrue(store.insertIfAbsent("job", "a", "again"), "a deleted key can be claimed again");
    }

    @Test
    void listIsNewestFirstAndPages() {
        for (String key : List.of("k1", "k2", "k3")) {
            store.put("job", key, "v-" + key);
            clock.advance(Duration.ofSeconds(1));
        }
        store.put("elsewhere", "k9", "x");
        assertEquals(List.of("k3", "k2", "k1"), keys(store.list("job", 10, 0)));
        assertEquals(List.of("k2"), keys(store.list("job", 1, 1)));
        assertEquals(List.of(), keys(store.list("job", 10, 3)));
        assertEquals(List.of(), keys(store.list("nothing", 10, 0)));
        assertThrows(IllegalArgumentException.class, () -> store.list("job", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> store.list("job", 1, -1));
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> store.put("", "a", "v"));
        assertThrows(IllegalArgumentException.class, () -> store.put("job", "", "v"));
        assertThrows(IllegalArgumentException.class, () -> store.put("k".repeat(101), "a", "v"));
        assertThrows(IllegalArgumentException.class, () -> store.put("job", "k".repeat(501), "v"));
        assertThrows(NullPointerException.class, () -> store.put("job", "a", null));
        assertThrows(IllegalArgumentException.class, () -> store.insertIfAbsent("job", "a", "v".repeat(1_000_001)));
        store.put("job", "a", "v");
        assertThrows(NullPointerException.class, () -> store.replace("job", "a", null, "w"));
    }

    @Test
    void incrementCountsFromZeroAndStoresDecimalText() {
        assertEquals(1, store.increment("stats", "runs", 1));
        assertEquals(4, store.increment("stats", "runs", 3));
        assertEquals(-1, store.increment("stats", "runs", -5));
        assertEquals(Optional.of("-1"), store.get("stats", "runs"));
        assertEquals(0, store.increment("stats", "other", 0), "a missing counter starts at 0");
        assertEquals(Optional.of("0"), store.get("stats", "other"));
    }

    @Test
    void incrementKeepsTheCreationTimeAndStampsTheUpdate() {
        store.increment("stats", "runs", 1);
        Instant created = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        store.increment("stats", "runs", 1);
        PluginStore.StoredRecord record = store.list("stats", 10, 0).get(0);
        assertEquals("2", record.value());
        assertEquals(created, record.createdAt());
        assertEquals(clock.instant(), record.updatedAt());
    }

    @Test
    void incrementCountsOnARecordPutAsANumberAndRefusesOtherValues() {
        store.put("stats", "runs", "41");
        assertEquals(42, store.increment("stats", "runs", 1));
        store.put("stats", "name", "ada");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.increment("stats", "name", 1));
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
        assertEquals(Optional.of("ada"), store.get("stats", "name"), "a refused increment changes nothing");
        store.put("stats", "big", Long.toString(Long.MAX_VALUE));
        assertThrows(ArithmeticException.class, () -> store.increment("stats", "big", 1));
        assertEquals(Optional.of(Long.toString(Long.MAX_VALUE)), store.get("stats", "big"));
        assertThrows(IllegalArgumentException.class, () -> store.increment("", "a", 1));
        assertThrows(IllegalArgumentException.class, () -> store.increment("stats", "k".repeat(501), 1));
    }

    @Test
    void racingIncrementsLoseNoCount() throws Exception {
        winners(i -> {
            for (int n = 0; n < INCREMENTS_PER_THREAD; n++) {
                store.increment("stats", "race", 1);
            }
            return true;
        });
        assertEquals(Optional.of(Long.toString(THREADS * INCREMENTS_PER_THREAD)), store.get("stats", "race"));
    }

    @Test
    void racingClaimsHaveOneWinner() throws Exception {
        assertEquals(1, winners(i -> store.insertIfAbsent("job", "race", "claimed by " + i)));
    }

    @Test
    void racingCompareAndSetsHaveOneWinner() throws Exception {
        store.put("job", "race", "open");
        assertEquals(1, winners(i -> store.replace("job", "race", "open", "taken by " + i)));
    }

    private interface Attempt {
        boolean run(int thread) throws Exception;
    }

    /** Runs {@code attempt} on {@link #THREADS} threads released at once; answers how many returned true. */
    private static int winners(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                Callable<Boolean> call = () -> {
                    start.await();
                    return attempt.run(thread);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                if (result.get(30, TimeUnit.SECONDS)) {
                    won++;
                }
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> keys(List<PluginStore.StoredRecord> records) {
        return records.stream().map(PluginStore.StoredRecord::key).toList();
    }
}
