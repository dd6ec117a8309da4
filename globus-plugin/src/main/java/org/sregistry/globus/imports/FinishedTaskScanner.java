package org.sregistry.globus.imports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.client.TaskListQuery;
import org.sregistry.globus.client.TaskPage;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The slow path: lists finished TRANSFER tasks (SUCCEEDED, FAILED) completed since the persisted
 * cursor, oldest first, and settles the ones touching the registry's endpoint. When nothing new
 * finished, this is exactly one request (one task_list page), however long the history is.
 */
final class FinishedTaskScanner {
    /** Largest task_list page: one request covers even a busy overlap window. */
    static final int PAGE = TransferClient.TASK_LIST_PAGE;
    /**
     * A foreign-looking task that finished this recently is looked at next time: the registry's own
     * submit writes its ledger record right after Globus accepts the task, and that record (with the
     * requested name) must win over a FOREIGN one.
     */
    static final Duration FOREIGN_GRACE = Duration.ofSeconds(5);

    private final ImportSetup setup;
    private final TaskSettler settler;
    private final ForeignTransfers foreign;
    private Set<String> claimed = Set.of();

    FinishedTaskScanner(ImportSetup setup, TaskSettler settler) {
        this.setup = setup;
        this.settler = settler;
        this.foreign = new ForeignTransfers(setup);
    }

    /**
     * Lists and settles; ids settled here go into {@code handled}. The cursor is saved even when a task fails.
     * {@code intents} are the submits not recorded yet: a task that may be one of them is left for a later listing.
     */
    void scan(List<TransferRecord> open, List<SubmitIntent> intents, Set<String> handled, TaskContext context) {
        claimed = PendingSubmits.claimedDestinations(intents);
        ImportCursor cursor = setup.cursors().load().orElseGet(() -> ImportCursor.startingAt(firstStart(open, intents)));
        TaskListQuery query = TaskListQuery.all().withTypes("TRANSFER").withStatuses("SUCCEEDED", "FAILED")
                .withCompletionTime(cursor.listFrom().atOffset(ZoneOffset.UTC), null)
                .withOrderBy("completion_time ASC");
        try {
            int offset = 0;
            while (!context.stopRequested()) {
                TaskPage page = setup.transfer().taskListPage(query, offset, PAGE);
                for (Task task : page.data()) {
                    if (cursor.hasSeen(task.taskId()) || context.stopRequested()) {
                        continue;
                    }
                    if (!look(task, handled)) {
                        // left for the next listing; nothing after it may be marked seen out of order
                        return;
                    }
                    cursor = cursor.withSeen(task.taskId(), completedAt(task));
                }
                offset += page.data().size();
                if (page.data().isEmpty() || page.total() == null || offset >= page.total()) {
                    return;
                }
            }
        } finally {
            setup.cursors().save(cursor);
        }
    }

    /** Settles the task if it concerns the registry; false when it must be looked at again later. */
    private boolean look(Task task, Set<String> handled) {
        String us = setup.endpointId();
        boolean inbound = us.equals(task.destinationEndpointId());
        if (!inbound && !us.equals(task.sourceEndpointId())) {
            return true;
        }
        if (handled.contains(task.taskId())) {
            return true;
        }
        Optional<TransferRecord> record = setup.ledger().get(task.taskId());
        if (record.isPresent()) {
            if (!record.get().done()) {
                settler.settle(record.get(), task, null);
                handled.add(task.taskId());
            }
            return true;
        }
        if (!inbound || !task.isSucceeded() || !setup.importForeign()) {
            return true; // outbound transfers someone else started leave nothing of ours behind
        }
        if (completedAt(task).isAfter(setup.clock().instant().minus(FOREIGN_GRACE))) {
            return false;
        }
        ForeignTransfers.Look found = foreign.record(task, claimed);
        if (found.claimed()) {
            return false; // a pull of ours whose submit is being recorded: its intent's name must win
        }
        if (found.arrival() != null) {
            settler.settle(found.arrival().record(), task, found.arrival().transfers());
            handled.add(task.taskId());
        }
        return true;
    }

    /**
     * Where a registry that never listed starts: when its oldest open transfer was submitted, else now.
     * Never the beginning of the history: finished tasks from before the registry existed are not ours.
     */
    private Instant firstStart(List<TransferRecord> open, List<SubmitIntent> intents) {
        Instant start = setup.clock().instant();
        for (TransferRecord record : open) {
            if (record.submittedAt() != null && record.submittedAt().isBefore(start)) {
                start = record.submittedAt();
            }
        }
        for (SubmitIntent intent : intents) {
            if (intent.createdAt() != null && intent.createdAt().isBefore(start)) {
                start = intent.createdAt();
            }
        }
        return start;
    }

    private static Instant completedAt(Task task) {
        return task.completionTime() != null ? task.completionTime().toInstant() : Instant.EPOCH;
    }
}
