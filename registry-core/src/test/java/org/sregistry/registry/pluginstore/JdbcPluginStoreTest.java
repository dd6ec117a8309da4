package org.sregistry.registry.pluginstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.PluginStore;
import org.sregistry.registry.MutableClock;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.db.Database;

class JdbcPluginStoreTest {
    @TempDir
    Path dataDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private Database db;
    private PluginStore one;
    private PluginStore two;

    @BeforeEach
    void open() {
        db = TestDatabases.open(dataDir);
        one = new JdbcPluginStore(db, "globus", clock);
        two = new JdbcPluginStore(db, "globus", clock); // e.g. another process on the same database
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the database was not available (skipped)
            db.close();
        }
    }

    @Test
    void insertIfAbsentClaimsOnceAcrossInstances() {
        assertThat(one.insertIfAbsent("transfer", "t1", "{\"state\":\"new\"}")).isTrue();
        assertThat(two.insertIfAbsent("transfer", "t1", "{\"state\":\"other\"}")).isFalse();
        assertThat(two.get("transfer", "t1")).contains("{\"state\":\"new\"}");
        assertThat(one.insertIfAbsent("cursor", "t1", "x")).as("kinds are separate").isTrue();
        PluginStore otherPlugin = new JdbcPluginStore(db, "sample", clock);
        assertThat(otherPlugin.get("transfer", "t1")).as("plugins are separate").isEmpty();
        assertThat(otherPlugin.insertIfAbsent("transfer", "t1", "mine")).isTrue();
    }

    @Test
    void replaceIsCompareAndSet() {
        one.put("transfer", "t1", "A");
        assertThat(two.replace("transfer", "t1", "A", "B")).isTrue();
        assertThat(one.replace("transfer", "t1", "A", "C")).as("lost the race").isFalse();
        assertThat(one.get("transfer", "t1")).contains("B");
        assertThat(one.replace("transfer", "missing", "A", "B")).isFalse();
        one.put("transfer", "t1", "D");
        assertThat(two.get("transfer", "t1")).contains("D");
        assertThat(two.delete("transfer", "t1")).isTrue();
        assertThat(one.delete("transfer", "t1")).isFalse();
        assertThat(one.get("transfer", "t1")).isEmpty();
    }

    @Test
    void concurrentClaimsHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            PluginStore store = i % 2 == 0 ? one : two;
            String value = "worker-" + i;
            claims.add(pool.submit(() -> store.insertIfAbsent("claim", "job", value)));
        }
        int winners = 0;
        for (Future<Boolean> f : claims) {
            winners += f.get() ? 1 : 0;
        }
        // and a compare-and-set chain: every increment lands exactly once
        one.put("counter", "n", "0");
        List<Future<?>> increments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PluginStore store = i % 2 == 0 ? one : two;
            increments.add(pool.submit(() -> {
                for (int k = 0; k < 10; k++) {
                    while (true) {
                        String current = store.get("counter", "n").orElseThrow();
                        if (store.replace("counter", "n", current, Integer.toString(Integer.parseInt(current) + 1))) {
                            break;
                        }
                    }
                }
            }));
        }
        for (Future<?> f : increments) {
            f.get();
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(one.get("counter", "n")).contains("80");
    }

    @Test
    void listsNewestFirstWithPaging() {
        one.put("transfer", "a", "1");
        clock.advance(Duration.ofSeconds(1));
        one.put("transfer", "b", "2");
        clock.advance(Duration.ofSeconds(1));
        one.insertIfAbsent("transfer", "c", "3");
        clock.advance(Duration.ofSeconds(1));
        one.put("transfer", "a", "1b"); // an update keeps the record's creation time

        assertThat(two.list("transfer", 10, 0)).extracting(PluginStore.StoredRecord::key).containsExactly("c", "b", "a");
        assertThat(two.list("transfer", 1, 1)).extracting(PluginStore.StoredRecord::value).containsExactly("2");
        PluginStore.StoredRecord a = two.list("transfer", 10, 2).get(0);
        assertThat(a.value()).isEqualTo("1b");
        assertThat(a.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(a.updatedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:03Z"));
    }
}
