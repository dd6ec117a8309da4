package org.sregistry.globus.imports;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The fast path: asks Globus ({@code GET task/{id}}) about each still-active task the registry
 * submitted, records its progress for the activity page, and settles it as soon as it finished,
 * without waiting for the next task-list poll.
 */
final class ActiveTaskWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveTaskWatcher.class);

    private final ImportSetup setup;
    private final TaskSettler settler;

    ActiveTaskWatcher(ImportSetup setup, TaskSettler settler) {
        this.setup = setup;
        this.settler = settler;
    }

    /** What the watcher saw: tasks still active and the youngest one's submission time. */
    record Watch(int active, Instant youngestSubmittedAt) {
        static Watch none() {
            return new Watch(0, null);
        }
    }

    /** Polls the active PUT/GET records among {@code open}; ids of the tasks it settled go into {@code handled}. */
    Watch poll(List<TransferRecord> open, Set<String> handled, RefusedLogins refused, TaskContext context) {
        int active = 0;
        Instant youngest = null;
        for (TransferRecord record : open) {
            if (context.stopRequested()) {
                break;
            }
            if (!record.active() || record.direction() == Direction.FOREIGN || refused.skip(record)) {
                continue;
            }
            Task task;
            try {
                task = setup.transferFor(record).getTask(record.taskId());
            } catch (GlobusApiException e) {
                if (refused.handled(record, e)) {
                    handled.add(record.taskId());
                    continue;
                }
                if (e.notFound()) {
                    forget(record);
                    handled.add(record.taskId());
                    continue;
                }
                throw e;
            }
            if (task.isFinished()) {
                settler.settle(record, task, null);
                handled.add(record.taskId());
                continue;
            }
            setup.ledger().update(record.key(), r -> r.withProgress(TaskProgresses.of(task, setup.clock().instant())));
            active++;
            Instant submitted = record.submittedAt() != null ? record.submittedAt() : setup.clock().instant();
            youngest = youngest == null || submitted.isAfter(youngest) ? submitted : youngest;
        }
        return new Watch(active, youngest);
    }

    /**
     * Globus no longer knows the task (history deleted, or another account): close the record with the reason and
     * remove its staged files, which nothing will move or import any more.
     */
    private void forget(TransferRecord record) {
        String message = ImportMessages.vanished(record.taskId());
        settler.close(record, r -> r.withEveryItem(item -> item.settled() ? item : item.with(ItemState.FAILED,
                item.imageUri(), "Globus no longer knows this task", item.attempts())).withMessage(message),
                r -> !r.done());
        LOG.warn(message);
    }
}
