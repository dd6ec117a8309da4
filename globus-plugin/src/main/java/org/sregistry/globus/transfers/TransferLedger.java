package org.sregistry.globus.transfers;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sregistry.api.PluginStore;

/**
 * The transfers this registry submitted or saw arrive, one JSON record per Globus task in the
 * host database ({@link PluginStore} kind {@code transfer}, key = {@link TransferRecord#key()}: the task id, or the
 * submission id of a submit Globus refused for good). Updates are compare-and-set, so two registry processes (or
 * two overlapping task runs) never lose each other's changes. Submits not confirmed yet live beside it in
 * {@link SubmitIntents}.
 */
public final class TransferLedger {
    /** The PluginStore kind of transfer records. */
    public static final String KIND = "transfer";
    /** Index of records not yet done, so a tick never scans the whole history. */
    public static final String OPEN_KIND = "transfer-open";
    /** Per-user index ({@code transfer-u:<username>}): "my transfers", newest first, with real paging. */
    public static final String USER_KIND_PREFIX = "transfer-u:";
    private static final int MAX_CAS_ATTEMPTS = 20;
    /**
     * An index entry without a record is a crash leftover only once it is this old: a younger one may be an
     * {@link #add} between its two statements, whose record is about to appear.
     */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(5);

    private final PluginStore store;
    private final Clock clock;

    public TransferLedger(PluginStore store) {
        this(store, Clock.systemUTC());
    }

    /** A ledger whose orphan check uses {@code clock} (the store's clock: entries carry its timestamps). */
    public TransferLedger(PluginStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a task; false when one with this key exists already (a retried submit, a second process). */
    public boolean add(TransferRecord record) {
        if (!record.done()) {
            // index first: a crash between the two leaves an index entry without record, which open() skips
            // (and deletes once it is older than ORPHAN_AGE)
            store.insertIfAbsent(OPEN_KIND, record.key(), "");
        }
        if (record.user() != null) {
            // a crash after this leaves an entry without record, which listFor() skips
            store.insertIfAbsent(USER_KIND_PREFIX + record.user(), record.key(), "");
        }
        return store.insertIfAbsent(KIND, record.key(), write(record));
    }

    /** The records {@code username} submitted, newest first (records made before accounts are in no one's list). */
    public List<TransferRecord> listFor(String username, int limit, int offset) {
        List<TransferRecord> records = new ArrayList<>();
        for (PluginStore.StoredRecord entry : store.list(USER_KIND_PREFIX + username, limit, offset)) {
            get(entry.key()).ifPresent(records::add);
        }
        return records;
    }

    /** True when the record under {@code key} is in {@code username}'s list (see {@link #forgetUser}). */
    public boolean listedFor(String username, String key) {
        return username != null && key != null && store.get(USER_KIND_PREFIX + username, key).isPresent();
    }

    /**
     * Empties {@code username}'s list, so a later account with the same name does not see the former one's
     * transfers; the records stay (administrators still see them).
     */
    public int forgetUser(String username) {
        int removed = 0;
        for (List<PluginStore.StoredRecord> page = store.list(USER_KIND_PREFIX + username, 500, 0); !page.isEmpty();
             page = store.list(USER_KIND_PREFIX + username, 500, 0)) {
            for (PluginStore.StoredRecord entry : page) {
                if (store.delete(USER_KIND_PREFIX + username, entry.key())) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The record under {@code key} (a task id, or the submission id of a submit Globus refused). */
    public Optional<TransferRecord> get(String key) {
        return store.get(KIND, key).map(this::read);
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
    public Optional<TransferRecord> update(String key, UnaryOperator<TransferRecord> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(KIND, key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            TransferRecord updated = change.apply(read(current.get()));
            String text = write(updated);
            if (text.equals(current.get()) || store.replace(KIND, key, current.get(), text)) {
                if (updated.done()) {
                    store.delete(OPEN_KIND, key);
                }
                return Optional.of(updated);
            }
        }
        throw new IllegalStateException("transfer record " + key + " keeps changing under us; giving up this round");
    }

    private TransferRecord read(String text) {
        return LedgerJson.read(text, TransferRecord.class);
    }

    private String write(TransferRecord record) {
        return LedgerJson.write(record);
    }
}
