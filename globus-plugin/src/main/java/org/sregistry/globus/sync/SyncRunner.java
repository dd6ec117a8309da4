package org.sregistry.globus.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Runs the due sync rules, called by the import task after each round's quarantine pass (so it needs no scheduler
 * of its own, and the import task's pace follows the transfers it starts). For each enabled rule whose
 * {@code next_run_at} has come:
 * <ol>
 *   <li>the slot (that {@code next_run_at}) is claimed once across processes ({@link SyncRuleStore#claim}); a claim
 *       left by a process that died mid-run is taken over after {@link #STALE_CLAIM};</li>
 *   <li>a previous run still sending makes this one {@code skipped} ({@link PreviousRuns});</li>
 *   <li>else {@link SyncAttempt} sends the new images as the owner, or records {@code nothing_new} (no Globus
 *       request) or {@code failed} with the reason;</li>
 *   <li>the run is recorded and {@code next_run_at} moves to the first slot after now: slots missed while the
 *       registry was down are not caught up, not even once each.</li>
 * </ol>
 * When the transfer ends, {@link SyncOutcomes} completes the run ({@link #closed}).
 */
public final class SyncRunner implements ScheduledSync {
    /** A claim this old whose rule still waits for its slot belongs to a process that died mid-run. */
    static final Duration STALE_CLAIM = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncRuleStore rules;
    private final SyncAttempt attempt;
    private final PreviousRuns previous;
    private final SyncOutcomes outcomes;
    private final Clock clock;

    private SyncRunner(SyncRuleStore rules, SyncAttempt attempt, PreviousRuns previous, SyncOutcomes outcomes,
                       Clock clock) {
        this.rules = rules;
        this.attempt = attempt;
        this.previous = previous;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * The runner of the rules in {@code rules}, sending with {@code sender} as each rule's owner ({@code access}
     * tells what they may pull and manage), following earlier runs in {@code ledger} and {@code intents}.
     *
     * @param loginRefused called with the owner when Globus refused the login a run was sent with; answers what the
     *                     run says
     */
    static SyncRunner create(SyncRuleStore rules, Access access, RegistryService registry, SyncSender sender,
                             TransferLedger ledger, SubmitIntents intents, Clock clock,
                             Function<String, String> loginRefused, AuditLog audit) {
        SyncOutcomes outcomes = new SyncOutcomes(rules, clock);
        SyncAttempt attempt = new SyncAttempt(access, new SyncSelection(registry, access), sender, loginRefused, audit);
        return new SyncRunner(rules, attempt, new PreviousRuns(ledger, intents, outcomes), outcomes, clock);
    }

    @Override
    public void runDue(BooleanSupplier stopRequested) {
        Instant now = clock.instant();
        for (SyncRule rule : rules.list()) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            if (!rule.dueAt(now)) {
                continue;
            }
            try {
                runOnce(rule.id(), rule.nextRunAt(), now);
            } catch (RuntimeException e) {
                // the store failed: the slot stays due and the next round tries again
                LOG.warn("Sync rule {} could not run now ({}); trying again next round", rule.id(), e.toString());
            }
        }
    }

    @Override
    public void closed(TransferRecord record) {
        outcomes.closed(record);
    }

    private void runOnce(String id, Instant slot, Instant now) {
        if (!rules.claim(id, slot, now, STALE_CLAIM)) {
            return; // another process runs this slot
        }
        SyncRule rule = rules.get(id).filter(r -> r.dueAt(now) && slot.equals(r.nextRunAt())).orElse(null);
        if (rule == null) {
            rules.release(id, slot); // changed, switched off or deleted since it was listed
            return;
        }
        String waiting = previous.stillRunning(rule);
        SyncAttempt.Outcome outcome;
        if (waiting != null) {
            outcome = SyncAttempt.ended(slot, now, SyncRun.SKIPPED, waiting);
        } else {
            // it may just have learned how the previous run ended (and what it sent)
            outcome = attempt.run(rules.get(id).orElse(rule), slot, now);
        }
        Instant previousSlot = rule.lastRun() == null ? null : rule.lastRun().slot();
        rules.update(id, r -> recorded(r, slot, outcome, now));
        if (previousSlot != null && !previousSlot.equals(slot)) {
            rules.release(id, previousSlot);
        }
        LOG.info("Sync rule {} ({} → {}): {}: {}", id, rule.match(), rule.destination(), outcome.run().result(),
                outcome.run().message());
    }

    /** The run on the stored rule: the next run planned unless an edit planned it meanwhile; {@code sent} pruned. */
    private static SyncRule recorded(SyncRule stored, Instant slot, SyncAttempt.Outcome outcome, Instant now) {
        Instant next = slot.equals(stored.nextRunAt()) ? stored.schedule().nextAfter(now) : stored.nextRunAt();
        SyncRule updated = stored.withRun(outcome.run(), next, now);
        Set<String> matching = outcome.matching();
        if (matching != null && updated.sent().keySet().stream().anyMatch(k -> !matching.contains(k))) {
            Map<String, String> kept = new HashMap<>(updated.sent());
            kept.keySet().retainAll(matching); // deleted images (or ones no longer matched) need no memory
            updated = updated.withSent(kept, now);
        }
        return updated;
    }
}
