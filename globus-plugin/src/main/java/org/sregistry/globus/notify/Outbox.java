package org.sregistry.globus.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sregistry.api.PluginStore;
import org.sregistry.globus.transfers.LedgerJson;

/**
 * Notifications waiting to go out, one {@link OutboxEntry} per transfer, channel and event ({@link PluginStore} kind
 * {@value #KIND}, key {@code <record key>:<channel>:<event>}), kept after delivery: {@link #enqueue} is an
 * insert-if-absent, so a transfer notifies once per channel however often (and by however many processes) its close
 * is repeated. Entries not delivered yet are also listed in kind {@value #DUE_KIND}, the only list a round reads.
 * Changes are compare-and-set: two processes never both deliver one attempt.
 */
public final class Outbox {
    /** Every entry, delivered or not. */
    public static final String KIND = "globus-outbox";
    /** Keys of the entries still pending. */
    public static final String DUE_KIND = "globus-outbox-due";
    private static final int MAX_CAS_ATTEMPTS = 10;

    private final PluginStore store;

    public Outbox(PluginStore store) {
        this.store = store;
    }

    /** The entry key of a transfer's notification. */
    public static String key(String recordKey, Channel channel, NotifyEvent event) {
        return recordKey + ":" + channel.word() + ":" + event.word();
    }

    /**
     * Adds the entry unless one with this key exists; true when added. The entry goes first and the due index after,
     * so a crash between them is mended by the next call (the close is repeated until the record is done).
     */
    public boolean enqueue(String key, OutboxEntry entry) {
        boolean added = store.insertIfAbsent(KIND, key, LedgerJson.write(entry));
        if (added || get(key).map(OutboxEntry::pending).orElse(false)) {
            store.insertIfAbsent(DUE_KIND, key, "");
        }
        return added;
    }

    /** The entry under {@code key}. */
    public Optional<OutboxEntry> get(String key) {
        return store.get(KIND, key).map(text -> LedgerJson.read(text, OutboxEntry.class));
    }

    /** Keys of pending entries, at most {@code max}. */
    public List<String> pendingKeys(int max) {
        return store.list(DUE_KIND, max, 0).stream().map(PluginStore.StoredRecord::key).toList();
    }

    /**
     * Starts an attempt when the entry is due at {@code now}: attempts + 1, and nobody else takes it before
     * {@code leaseUntil}. Empty when it is not due, taken by another process, or gone (then, as when it is no longer
     * pending, it leaves the due list).
     */
    public Optional<OutboxEntry> claim(String key, Instant now, Instant leaseUntil) {
        Optional<String> current = store.get(KIND, key);
        OutboxEntry entry = current.map(text -> LedgerJson.read(text, OutboxEntry.class)).orElse(null);
        if (entry == null || !entry.pending()) {
            store.delete(DUE_KIND, key);
            return Optional.empty();
        }
        if (!entry.dueAt(now)) {
            return Optional.empty();
        }
        OutboxEntry claimed = entry.attempting(leaseUntil);
        return store.replace(KIND, key, current.get(), LedgerJson.write(claimed)) ? Optional.of(claimed)
                : Optional.empty();
    }

    /** Records an attempt's outcome; a delivered or given-up entry leaves the due list. */
    public void record(String key, UnaryOperator<OutboxEntry> outcome) {
        for (int i = 0; i < MAX_CAS_ATTEMPTS; i++) {
            Optional<String> current = store.get(KIND, key);
            if (current.isEmpty()) {
                store.delete(DUE_KIND, key);
                return;
            }
            OutboxEntry updated = outcome.apply(LedgerJson.read(current.get(), OutboxEntry.class));
            if (store.replace(KIND, key, current.get(), LedgerJson.write(updated))) {
                if (!updated.pending()) {
                    store.delete(DUE_KIND, key);
                }
                return;
            }
        }
        throw new IllegalStateException("outbox entry " + key + " keeps changing under us");
    }
}
