package org.sregistry.globus.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginStore;
import org.sregistry.globus.transfers.LedgerJson;

/**
 * Sync rules in the PluginStore (kind {@value #KIND}, key = rule id), changed by compare-and-set so that the page,
 * the API and the import task of every registry process never lose each other's changes; and the claims on their
 * runs (kind {@value #RUN_KIND}, key {@code <rule id>:<slot>}, inserted if absent), so that each slot runs once
 * across processes (the value is when it was claimed). A rule keeps at most its last two claims: older slots can no
 * longer be run, since the rule's next run moved past them by compare-and-set.
 */
public final class SyncRuleStore {
    /** The rules' kind. */
    public static final String KIND = "globus-sync";
    /** The run claims' kind. */
    public static final String RUN_KIND = "globus-sync-run";
    /** Most rules read (the whole registry's). */
    public static final int MAX_RULES = 1000;
    private static final int MAX_CAS_ATTEMPTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(SyncRuleStore.class);

    private final PluginStore store;

    public SyncRuleStore(PluginStore store) {
        this.store = store;
    }

    /** The rule, if there is one (an unreadable record is logged and treated as absent). */
    public Optional<SyncRule> get(String id) {
        return store.get(KIND, id).flatMap(text -> read(id, text));
    }

    /** Every rule, newest first. */
    public List<SyncRule> list() {
        List<SyncRule> rules = new ArrayList<>();
        for (PluginStore.StoredRecord r : store.list(KIND, MAX_RULES, 0)) {
            read(r.key(), r.value()).ifPresent(rules::add);
        }
        return rules;
    }

    /** Stores a new rule; false when its id is taken. */
    boolean insert(SyncRule rule) {
        return store.insertIfAbsent(KIND, rule.id(), LedgerJson.write(rule));
    }

    /**
     * Applies {@code change} by compare-and-set (retried on conflict); the stored result, or empty when there is no
     * such rule. {@code change} may answer its argument unchanged to leave the rule alone.
     */
    public Optional<SyncRule> update(String id, UnaryOperator<SyncRule> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            Optional<String> current = store.get(KIND, id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<SyncRule> rule = read(id, current.get());
            if (rule.isEmpty()) {
                return Optional.empty();
            }
            SyncRule updated = change.apply(rule.get());
            String text = LedgerJson.write(updated);
            if (text.equals(current.get()) || store.replace(KIND, id, current.get(), text)) {
                return Optional.of(updated);
            }
        }
        throw new IllegalStateException("sync rule " + id + " keeps changing under us; giving up for now");
    }

    /** Deletes every rule {@code owner} made (a former account with that name, see the web's FormerAccounts). */
    public int deleteOwnedBy(String owner) {
        int deleted = 0;
        for (SyncRule rule : list()) {
            if (rule.owner().equals(owner) && delete(rule)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes the rule and its last run's claim; true when it existed. */
    boolean delete(SyncRule rule) {
        boolean deleted = store.delete(KIND, rule.id());
        if (rule.lastRun() != null) {
            release(rule.id(), rule.lastRun().slot());
        }
        return deleted;
    }

    /**
     * Claims the run of {@code slot} at {@code now}: true for exactly one caller across processes, or for the one that
     * takes over a claim older than {@code staleAfter} (its process died before the run was recorded).
     */
    boolean claim(String id, Instant slot, Instant now, Duration staleAfter) {
        String key = claimKey(id, slot);
        if (store.insertIfAbsent(RUN_KIND, key, now.toString())) {
            return true;
        }
        Optional<String> held = store.get(RUN_KIND, key);
        if (held.isEmpty()) {
            return store.insertIfAbsent(RUN_KIND, key, now.toString()); // released meanwhile
        }
        Instant since;
        try {
            since = Instant.parse(held.get());
        } catch (DateTimeParseException e) {
            since = Instant.EPOCH;
        }
        return since.plus(staleAfter).isBefore(now) && store.replace(RUN_KIND, key, held.get(), now.toString());
    }

    /** Drops the claim of a slot that will not run again (or was not run after all). */
    void release(String id, Instant slot) {
        if (slot != null) {
            store.delete(RUN_KIND, claimKey(id, slot));
        }
    }

    private static String claimKey(String id, Instant slot) {
        return id + ":" + slot;
    }

    private static Optional<SyncRule> read(String id, String text) {
        try {
            return Optional.of(LedgerJson.read(text, SyncRule.class));
        } catch (RuntimeException e) {
            LOG.warn("Sync rule {} cannot be read ({}); it is skipped", id, e.toString());
            return Optional.empty();
        }
    }
}
