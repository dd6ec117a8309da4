package org.sregistry.globus.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.SuccessfulTransfer;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Finishes the registry's part of a finished Globus task: imports what arrived (pulls and foreign
 * transfers), removes staged copies of what was sent (pushes), records failures with Globus's reason,
 * and marks the ledger record done once every file is settled. Safe to call again for the same task:
 * settled items are left alone.
 */
final class TaskSettler {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSettler.class);

    private final ImportSetup setup;
    private final StagedFiles files;
    private final ArrivedFileImporter importer;
    private boolean closingPending;

    TaskSettler(ImportSetup setup) {
        this.setup = setup;
        this.files = new StagedFiles(setup.staging(), setup.quarantine());
        this.importer = new ArrivedFileImporter(setup, files);
    }

    /**
     * Settles {@code record} for the finished {@code task}; {@code knownTransfers} are its successful
     * transfers when already read (else null: read here when needed).
     */
    void settle(TransferRecord record, Task task, List<SuccessfulTransfer> knownTransfers) {
        TransferRecord current = setup.ledger()
                .update(record.key(), r -> r.withProgress(TaskProgresses.of(task, setup.clock().instant())))
                .orElse(record);
        if (current.done()) {
            return;
        }
        current = endAccess(current); // the task ended: nobody may read or write its folder any more
        boolean imported = false;
        if (current.direction() == Direction.PUT) {
            settlePush(current, task);
        } else if (task.isSucceeded()) {
            imported = importArrivals(current, task, knownTransfers);
        } else {
            failArrivals(current, task);
        }
        if (imported) {
            closingPending = true; // the next round removes the staged files and closes it (see ArrivedFileImporter)
        } else {
            finishIfSettled(record.key());
        }
    }

    /** True when something was imported by this settler, so a round soon should close its record. */
    boolean closingPending() {
        return closingPending;
    }

    /**
     * Marks the record done when Globus finished and every item is settled, removing the staged (and quarantined)
     * files of its items first (imported files, whose ledger commit is on disk by now, discarded ones, and crash
     * leftovers).
     */
    void finishIfSettled(String key) {
        Optional<TransferRecord> found = setup.ledger().get(key);
        if (found.isEmpty() || found.get().done() || found.get().active() || !allSettled(found.get())) {
            return;
        }
        // a crash after the ledger commit but before the file was removed leaves it here: close() removes it now
        close(found.get(), r -> r, r -> allSettled(r) && !r.active());
    }

    /**
     * Closes a record whose task Globus will not change any more: its access rule goes (when Globus cannot be asked,
     * nothing else happens and the next round tries again), then its staged files and its folder, its user is
     * notified of {@code last} applied to it, and it is marked done with {@code last} applied, while {@code still}
     * holds for the stored record.
     */
    void close(TransferRecord record, UnaryOperator<TransferRecord> last, Predicate<TransferRecord> still) {
        TransferRecord current = endAccess(record);
        if (current.share() != null && current.share().mayExist()) {
            return; // closes once its access rule is gone (retried every round)
        }
        removeStagedFiles(current);
        ShareFolders.remove(setup.staging(), current);
        // before done: a crash in between repeats it (queued once per channel)
        setup.closed(last.apply(current));
        setup.ledger().update(current.key(), r -> still.test(r) ? last.apply(r).withDone(true) : r);
    }

    /**
     * Removes the access rule of a finished transfer (its owner's permission on its folder) and records it; when Globus
     * cannot be asked now, the error is kept on the record and the next round tries again (the rule also expires by
     * itself after the task's deadline).
     */
    TransferRecord endAccess(TransferRecord record) {
        ShareRef share = record.share();
        if (share == null || !share.mayExist()) {
            return record;
        }
        ShareRef after = RuleRemoval.remove(setup, share, record.submissionId());
        return setup.ledger().update(record.key(), r -> after.mayExist() ? r.withShare(after)
                : r.withShare(after).withMessage("access to the transfer's folder removed")).orElse(record);
    }

    /** Removes the files of every item (all settled, or a task that will never be settled by Globus). */
    void removeStagedFiles(TransferRecord record) {
        for (TransferItem item : record.items()) {
            if (record.direction() == Direction.PUT) {
                files.removePushed(item);
            } else {
                files.removeArrived(item);
            }
        }
    }

    /**
     * Imports the unsettled items (quarantined ones are {@link QuarantineRetries}' job); true when at least one file
     * went into the registry in this call.
     */
    private boolean importArrivals(TransferRecord record, Task task, List<SuccessfulTransfer> knownTransfers) {
        List<TransferItem> pending = record.items().stream().filter(i -> !i.settled() && !i.quarantined()).toList();
        if (pending.isEmpty()) {
            return false;
        }
        List<SuccessfulTransfer> transfers = knownTransfers != null ? knownTransfers
                : setup.transferFor(record).successfulTransfers(record.taskId());
        Map<String, SuccessfulTransfer> byDestination = new HashMap<>();
        transfers.forEach(t -> byDestination.put(t.destinationPath(), t));
        boolean imported = false;
        for (TransferItem item : pending) {
            imported |= importer.importItem(record, item, task,
                    expectedSize(byDestination.get(item.destinationPath()), task, record));
        }
        return imported;
    }

    /**
     * The size Globus reported for the file: {@code size} of its successful transfer, else, for a
     * task of exactly one file, the task's {@code bytes_transferred}; null when unknown.
     */
    static Long expectedSize(SuccessfulTransfer transfer, Task task, TransferRecord record) {
        if (transfer != null && transfer.size() != null) {
            return transfer.size();
        }
        boolean oneFile = record.items().size() == 1 && task.filesTransferred() != null && task.filesTransferred() == 1
                && (task.files() == null || task.files() == 1);
        return transfer != null && oneFile ? task.bytesTransferred() : null;
    }

    private void failArrivals(TransferRecord record, Task task) {
        if (record.items().stream().allMatch(TransferItem::settled)) {
            return;
        }
        String reason = FailureReasons.of(task, setup.transferFor(record));
        String message = ImportMessages.pullFailed(record.taskId(), reason);
        if (settleAll(record.key(), ItemState.FAILED, reason, message)) {
            LOG.warn(message);
        }
        record.items().forEach(item -> files.remove(files.arrivedFile(item))); // a partial file is of no use
    }

    private void settlePush(TransferRecord record, Task task) {
        if (record.items().stream().allMatch(TransferItem::settled)) {
            return;
        }
        record.items().stream().filter(i -> !i.settled()).forEach(files::removePushed);
        boolean ok = task.isSucceeded();
        String reason = ok ? null : FailureReasons.of(task, setup.transferFor(record));
        String message = ok ? ImportMessages.pushed(record.taskId(), record.items().size())
                : ImportMessages.pushFailed(record.taskId(), reason);
        if (settleAll(record.key(), ok ? ItemState.CLEANED : ItemState.FAILED, reason, message)) {
            if (ok) {
                LOG.info(message);
            } else {
                LOG.warn(message);
            }
        }
    }

    /** Every unsettled item to {@code state} with one message, in one compare-and-set; true when this call did it. */
    private boolean settleAll(String key, ItemState state, String reason, String message) {
        AtomicBoolean applied = new AtomicBoolean();
        setup.ledger().update(key, r -> {
            AtomicInteger changed = new AtomicInteger();
            TransferRecord updated = r;
            for (int i = 0; i < r.items().size(); i++) {
                if (!r.items().get(i).settled() && !r.items().get(i).quarantined()) {
                    changed.incrementAndGet();
                    updated = updated.withItem(i, item -> item.with(state, item.imageUri(), reason, item.attempts()));
                }
            }
            applied.set(changed.get() > 0);
            return changed.get() > 0 ? updated.withMessage(message) : r;
        });
        return applied.get();
    }

    private static boolean allSettled(TransferRecord record) {
        return record.items().stream().allMatch(TransferItem::settled);
    }
}
