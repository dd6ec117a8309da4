package org.sregistry.globus.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/** The ledger's open index on the real plugin store (H2). */
class TransferLedgerTest {
    @TempDir
    Path dir;
    Database db;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    JdbcPluginStore store;
    TransferLedger ledger;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new JdbcPluginStore(db, "globus", clock);
        ledger = new TransferLedger(store, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static TransferRecord pull(String taskId) {
        return new TransferRecord(taskId, Direction.GET, "sregistry pull x", "cluster", "HPC", "registry", "reg",
                List.of(TransferItem.pending("/~/x.sif", "/staging/x.sif", "/tmp/x.sif", "demo/x:latest")),
                Instant.parse("2030-01-01T00:00:00Z"), null, false, List.of("submitted"));
    }

    private static String json(TransferRecord record) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(record);
    }

    @Test
    void aRoundBetweenTheTwoStatementsOfAddDoesNotLoseTheRecord() throws Exception {
        // add() has written the index entry but not yet the record when a round looks
        store.insertIfAbsent(TransferLedger.OPEN_KIND, "task-1", "");
        assertThat(ledger.open(10)).isEmpty();
        store.insertIfAbsent(TransferLedger.KIND, "task-1", json(pull("task-1")));

        assertThat(ledger.open(10)).extracting(TransferRecord::taskId).containsExactly("task-1");
    }

    @Test
    void anOldIndexEntryWithoutRecordIsACrashLeftoverAndGoes() {
        store.insertIfAbsent(TransferLedger.OPEN_KIND, "crashed", "");
        ledger.add(pull("alive"));
        now.set(now.get().plus(TransferLedger.ORPHAN_AGE).plus(Duration.ofSeconds(1)));

        assertThat(ledger.open(10)).extracting(TransferRecord::taskId).containsExactly("alive");
        assertThat(store.get(TransferLedger.OPEN_KIND, "crashed")).isEmpty();
        assertThat(store.get(TransferLedger.OPEN_KIND, "alive")).isPresent();
    }
}
