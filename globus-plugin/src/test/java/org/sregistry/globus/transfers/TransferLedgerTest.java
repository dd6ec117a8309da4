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

    /** A record as 0.1.0 wrote it (every field, nulls included; no submission id, no quarantine fields). */
    static final String RECORD_0_1_0 = "{\"task_id\":\"3f2a91c0-1111-4aed-b284-86466b2845a7\",\"direction\":\"GET\","
            + "\"label\":\"sregistry pull demo-lolcow-latest\",\"source_endpoint_id\":\"cc3897ac-141c-4aed-b284-86466b2845a7\","
            + "\"source_endpoint_name\":\"HPC Cluster\",\"destination_endpoint_id\":\"3a42f43c-1744-40dc-9b16-753d8e1589fa\","
            + "\"destination_endpoint_name\":\"sregistry-test\",\"items\":[{\"source_path\":\"/~/lolcow_latest.sif\","
            + "\"destination_path\":\"/staging/ab12cd34-lolcow_latest.sif\",\"staged_file\":\"/srv/staging/ab12cd34-lolcow_latest.sif\","
            + "\"image_uri\":\"demo/lolcow:latest\",\"state\":\"RETRYING\",\"reason\":\"the staged file is missing\","
            + "\"attempts\":2}],\"submitted_at\":\"2026-11-30T10:00:00Z\",\"progress\":{\"status\":\"SUCCEEDED\","
            + "\"nice_status\":null,\"bytes_transferred\":49,\"files\":1,\"files_transferred\":1,\"faults\":0,"
            + "\"completion_time\":\"2026-11-30T10:00:05Z\",\"checked_at\":\"2026-11-30T10:00:06Z\"},\"done\":false,"
            + "\"messages\":[\"submitted: /~/lolcow_latest.sif as demo/lolcow:latest\"]}";

    @Test
    void aRecordWrittenBy010LoadsUnderItsTaskIdAndKeepsEverythingThroughAnUpdate() {
        String taskId = "3f2a91c0-1111-4aed-b284-86466b2845a7";
        store.insertIfAbsent(TransferLedger.OPEN_KIND, taskId, "");
        store.insertIfAbsent(TransferLedger.KIND, taskId, RECORD_0_1_0);

        TransferRecord old = ledger.get(taskId).orElseThrow();
        assertThat(old.key()).isEqualTo(taskId);
        assertThat(old.submissionId()).isNull();
        assertThat(old.active()).isFalse();
        assertThat(ledger.open(10)).extracting(TransferRecord::taskId).containsExactly(taskId);
        TransferItem item = old.items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.RETRYING);
        assertThat(item.attempts()).isEqualTo(2);
        assertThat(item.keptFile()).isNull();
        assertThat(item.quarantined()).isFalse();
        assertThat(item.nextAttemptAt()).isNull();

        TransferRecord updated = ledger.update(taskId, r -> r.withMessage("read again")).orElseThrow();
        assertThat(ledger.get(taskId).orElseThrow()).isEqualTo(updated);
        assertThat(updated.items()).isEqualTo(old.items());
        assertThat(updated.progress()).isEqualTo(old.progress());
        assertThat(updated.messages()).containsExactly("submitted: /~/lolcow_latest.sif as demo/lolcow:latest",
                "read again");
    }

    @Test
    void aSubmitGlobusNeverConfirmedIsKeptUnderItsSubmissionId() {
        TransferRecord refused = new TransferRecord(null, Direction.PUT, "sregistry push 1 image", "registry", "reg",
                "cluster", "HPC", List.of(), Instant.parse("2030-01-01T00:00:00Z"), null, true,
                List.of("not submitted: gone"), "4d343abe-a55f-4c19-9349-1ea463d982f6");
        assertThat(ledger.add(refused)).isTrue();
        assertThat(ledger.get("4d343abe-a55f-4c19-9349-1ea463d982f6")).contains(refused);
        assertThat(refused.active()).as("Globus has nothing to poll").isFalse();
        assertThat(ledger.open(10)).isEmpty();
    }
}
