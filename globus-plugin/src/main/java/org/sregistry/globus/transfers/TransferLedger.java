package org.sregistry.globus.transfers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sregistry.api.PluginStore;

/**
 * The transfers this registry submitted or saw arrive, one JSON record per Globus task in the
 * host database ({@link PluginStore} kind {@code transfer}). Updates are compare-and-set, so two
 * registry processes (or two overlapping task runs) never lose each other's changes.
 */
public final class TransferLedger {
    /** The PluginStore kind of transfer records. */
    public static final String KIND = "transfer";
    /** Index of records not yet done, so a tick never scans the whole history. */
    public static final String OPEN_KIND = "transfer-open";
    private static final int MAX_CAS_ATTEMPTS = 20;
    /**
     * An index entry without a record is a crash leftover only once it is this old: a younger one may be an
     * {@link #add} between its two statements, whose record is about to appear.
     */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(5);

    private final PluginStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public TransferLedger(PluginStore store) {
        this(store, Clock.systemUTC());
    }

    /** A ledger whose orphan check uses {@code clock} (the store's clock: entries carry its timestamps). */
    public TransferLedger(PluginStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Records a task; false when one with this id exists already (a retried submit, a second process). */
    public boolean add(TransferRecord record) {
        if (!record.done()) {
            // index first: a crash between the two leaves an index entry without record, which open() skips
            // (and deletes once it is older than ORPHAN_AGE)
            store.insertIfAbsent(OPEN_KIND, record.taskId(), "");
        }
        return store.insertIfAbsent(KIND, record.taskId(), write(record));
    }

    /** The record of a task. */
    public Optional<TransferRecord> get(String taskId) {
        return store.get(KIND, taskId).map(this::read);
    }

    /** Newest first. */
    public List<TransferRecord> list(int limit, int offset) {
        List<TransferRecord> records = new ArrayList<>();
        store.list(KIND, limit, offset).forEach(r -> records.add(read(r.value())));
        return records;
    }

    /** Records not yet done (active tasks, or finished ones whose files still need work). */
    public List<TransferRecord> open(int max) {
        List<TransferRecord> open = new ArrayList<>();
        for (PluginStore.StoredRecord entry : store.list(OPEN_KIND, max, 0)) {
            Optional<TransferRecord> record = get(entry.key());
            if (record.isPresent() && !record.get().done()) {
                open.add(record.get());
            } else if (record.isPresent() || isOrphan(entry)) {
                store.delete(OPEN_KIND, entry.key());
            }
        }
        return open;
    }

    /** An index entry whose record never came (the adding process died between its two statements). */
    private boolean isOrphan(PluginStore.StoredRecord entry) {
        return entry.createdAt() == null || entry.createdAt().isBefore(clock.instant().minus(ORPHAN_AGE));
    }

    /**
     * Applies {@code change} atomically (compare-and-set, retried on conflict); answers the stored
     * result, or empty when there is no such record.
     */
    public Optional<TransferRecord> update(String taskId, UnaryOperator<TransferRecord> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(KIND, taskId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            TransferRecord updated = change.apply(read(current.get()));
            String text = write(updated);
            if (text.equals(current.get()) || store.replace(KIND, taskId, current.get(), text)) {
                if (updated.done()) {
                    store.delete(OPEN_KIND, taskId);
                }
                return Optional.of(updated);
            }
        }
        throw new IllegalStateException("transfer record " + taskId + " keeps changing under us; giving up this round");
    }

    private TransferRecord read(String text) {
        try {
            return json.readValue(text, TransferRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable transfer record", e);
        }
    }

    private String write(TransferRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write transfer record", e);
        }
    }
}
