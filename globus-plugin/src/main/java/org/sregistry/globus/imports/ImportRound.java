package org.sregistry.globus.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * One run of the import task, in this order: submits whose request did not finish ({@link PendingSubmits}), the fast
 * path (active tasks the registry submitted), then, when due, the task list since the cursor, then a retry pass over
 * finished records whose files still need work (a file that was missing or the wrong size, a run that crashed
 * half-way), then the quarantined files that are due ({@link QuarantineRetries}), then the scheduled sync rules that
 * are due ({@link org.sregistry.globus.sync.ScheduledSync}).
 */
final class ImportRound {
    /** At most this many open ledger records are looked at per round. */
    static final int MAX_OPEN = 500;

    private final ImportSetup setup;
    private final ImportPace pace;
    private final boolean fastPath;
    private final TaskSettler settler;

    ImportRound(ImportSetup setup, ImportPace pace, boolean fastPath) {
        this.setup = setup;
        this.pace = pace;
        this.fastPath = fastPath;
        this.settler = new TaskSettler(setup);
    }

    /** What a round saw, for the pace of the next one. */
    record Outcome(int watched, Instant youngestSubmittedAt, boolean listed, boolean closingPending) {
        /** The delay before the next run: soon when imported files wait to be removed, else by the pace. */
        Duration nextDelay(Instant now, Duration poll) {
            Duration paced = ImportPace.next(watched, youngestSubmittedAt, now, poll);
            return closingPending && ImportPace.FASTEST.compareTo(paced) < 0 ? ImportPace.FASTEST : paced;
        }
    }

    Outcome run(TaskContext context, Duration poll) {
        RefusedLogins refused = new RefusedLogins(setup);
        new PendingSubmits(setup).resume(context, refused);
        List<TransferRecord> open = setup.ledger().open(MAX_OPEN);
        Set<String> handled = new HashSet<>();
        ActiveTaskWatcher.Watch watch = fastPath
                ? new ActiveTaskWatcher(setup, settler).poll(open, handled, refused, context)
                : ActiveTaskWatcher.Watch.none();
        Instant now = setup.clock().instant();
        boolean listing = pace.listingDue(watch.active() > 0, now, poll) && !context.stopRequested();
        if (listing) {
            // the intents still pending after resume(): their planned files are not "foreign" arrivals
            List<SubmitIntent> intents = setup.submissions().intents().list(PendingSubmits.MAX);
            new FinishedTaskScanner(setup, settler).scan(open, intents, handled, context);
            pace.listed(now);
        }
        retryUnfinished(open, handled, refused, context, listing);
        boolean fromQuarantine = !context.stopRequested() && new QuarantineRetries(setup).run(open, context);
        if (!context.stopRequested()) {
            setup.sync().runDue(context::stopRequested);
        }
        return new Outcome(watch.active(), watch.youngestSubmittedAt(), listing,
                settler.closingPending() || fromQuarantine);
    }

    /**
     * Open records not handled above: close the settled ones (every round: no Globus request needed); in listing
     * rounds only (once per poll interval), retry the unsettled, not quarantined files of finished ones, and look
     * once at records never seen at Globus (a submit recorded after a restart, when the fast path is off).
     */
    private void retryUnfinished(List<TransferRecord> open, Set<String> handled, RefusedLogins refused,
                                 TaskContext context, boolean retry) {
        for (TransferRecord listed : open) {
            if (context.stopRequested()) {
                return;
            }
            if (handled.contains(listed.key())) {
                continue;
            }
            TransferRecord record = setup.ledger().get(listed.key()).orElse(null);
            if (record == null || record.done() || record.taskId() == null || refused.skip(record)) {
                continue;
            }
            boolean neverSeen = record.progress() == null;
            // the service's task list cannot see a task a user submitted with their own login: ask for it by id
            boolean ownLogin = record.connection() != null;
            if (record.active() && !(retry && (neverSeen || ownLogin))) {
                continue;
            }
            if (!record.active() && record.items().stream().allMatch(TransferItem::settled)) {
                settler.finishIfSettled(record.key());
            } else if (retry && (neverSeen || (ownLogin && record.active())
                    || record.items().stream().anyMatch(i -> !i.settled() && !i.quarantined()))) {
                Task task;
                try {
                    task = setup.transferFor(record).getTask(record.taskId());
                } catch (GlobusApiException e) {
                    if (refused.handled(record, e)) {
                        continue;
                    }
                    throw e;
                }
                if (task.isFinished()) {
                    settler.settle(record, task, null);
                } else {
                    setup.ledger().update(record.key(),
                            r -> r.withProgress(TaskProgresses.of(task, setup.clock().instant())));
                }
            }
            handled.add(record.key());
        }
    }
}
