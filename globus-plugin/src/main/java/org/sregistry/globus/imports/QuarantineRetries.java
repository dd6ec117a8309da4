package org.sregistry.globus.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.StorageErrors;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Retries quarantined files by themselves: when the backoff ({@link Quarantine#backoff}) says so, at once when the
 * full folder the last failure named has room again, and at once after Retry on the activity page. No Globus
 * request: everything needed (name, size, metadata) is on the ledger record, so a quarantined file of a task whose
 * history Globus deleted long ago still imports. A success is IMPORTED; the kept file goes one round later, like a
 * staged one ({@link TaskSettler#finishIfSettled}).
 */
final class QuarantineRetries {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRetries.class);

    private final ImportSetup setup;
    private final StagedFiles files;
    private final ImageAdder adder;

    QuarantineRetries(ImportSetup setup) {
        this.setup = setup;
        this.files = new StagedFiles(setup.staging(), setup.quarantine());
        this.adder = new ImageAdder(setup, files);
    }

    /** Retries the due quarantined files among {@code open}; true when one went into the registry. */
    boolean run(List<TransferRecord> open, TaskContext context) {
        boolean imported = false;
        for (TransferRecord listed : open) {
            if (context.stopRequested()) {
                break;
            }
            if (listed.active() || listed.items().stream().noneMatch(TransferItem::quarantined)) {
                continue;
            }
            TransferRecord record = setup.ledger().get(listed.key()).orElse(null);
            if (record == null || record.done()) {
                continue;
            }
            Instant now = setup.clock().instant();
            for (TransferItem item : record.items()) {
                if (item.quarantined() && due(item, now)) {
                    imported |= retry(record, item);
                }
            }
        }
        return imported;
    }

    /** Retry now? Asked for (RETRYING), the backoff ran out, or the full folder has room again. */
    static boolean due(TransferItem item, Instant now) {
        if (item.state() == ItemState.RETRYING) {
            return true;
        }
        if (item.nextAttemptAt() != null && !now.isBefore(item.nextAttemptAt())) {
            return true;
        }
        TransferItem.SpaceWait space = item.waitingForSpace();
        if (space == null || space.folder() == null) {
            return false;
        }
        long free = StorageErrors.usableBytes(Path.of(space.folder()));
        return free >= 0 && free >= space.neededBytes();
    }

    /** The full folder behind {@code cause} when the registry named it (a 507), with what the file needs. */
    static TransferItem.SpaceWait spaceWait(Throwable cause, Long size) {
        InsufficientStorageException full = null;
        for (Throwable t = cause; t != null && full == null; t = t.getCause()) {
            full = t instanceof InsufficientStorageException named ? named : null;
        }
        if (full == null || full.folder() == null) {
            return null;
        }
        long needed = full.neededBytes() >= 0 ? full.neededBytes() : size != null ? size : 1;
        return new TransferItem.SpaceWait(full.folder().toString(), needed);
    }

    private boolean retry(TransferRecord record, TransferItem item) {
        String label = ArrivedFileImporter.fileLabel(item);
        Optional<Path> file;
        try {
            file = setup.quarantine().locate(item, files.arrivedFile(item), files);
        } catch (ConfinedFolder.RefusedException e) {
            refuse(record, item, label, e.getMessage());
            return false;
        } catch (IOException e) {
            reschedule(record, item, label, "the quarantined file cannot be reached: " + e.getMessage(), true, e);
            return false;
        }
        if (file.isEmpty()) {
            String message = ImportMessages.quarantinedFileGone(record.taskId(), label, item.keptFile());
            if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                    i -> i.with(ItemState.FAILED, i.imageUri(), "the quarantined file is gone", i.attempts()))) {
                LOG.warn(message);
            }
            return false;
        }
        ConfinedFolder.Look look = files.look(file.get());
        if (look instanceof ConfinedFolder.Refused refused) {
            refuse(record, item, label, refused.why());
            return false;
        }
        Optional<String> problem = StagedFileCheck.problem(look, file.get(), item.size());
        if (problem.isPresent()) {
            reschedule(record, item, label, problem.get(), true, null);
            return false;
        }
        ImageAdder.Outcome outcome = adder.add(record, item, file.get(), null);
        if (outcome instanceof ImageAdder.BadName bad) {
            reschedule(record, item, label, bad.why(), false, null);
            return false;
        }
        if (outcome instanceof ImageAdder.Refused refused) {
            refuse(record, item, label, refused.why());
            return false;
        }
        if (outcome instanceof ImageAdder.Failed failed) {
            reschedule(record, item, label, failed.why(), true, failed.cause());
            return false;
        }
        if (outcome instanceof ImageAdder.NotAllowed notAllowed) {
            reschedule(record, item, label, notAllowed.why(), false, null);
            return false;
        }
        ImageAdder.Added added = (ImageAdder.Added) outcome;
        var result = added.result();
        setup.afterAdd().run();
        String shown = result.image().name().withoutVersion();
        String message = (result.alreadyDone() ? ImportMessages.alreadyImported(record.taskId(), shown)
                : ImportMessages.imported(record.taskId(), shown)) + " from quarantine"
                + ImportMessages.renamedNote(added);
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.with(ItemState.IMPORTED, result.image().uri(), null, i.attempts() + 1))) {
            LOG.info(message);
            ArrivedFileImporter.audit(setup, record, item, result.image().uri(), result.alreadyDone());
        }
        return true;
    }

    /** Back to QUARANTINED with the new reason; the next automatic try after the backoff (none for a bad name). */
    private void reschedule(TransferRecord record, TransferItem item, String label, String problem,
                            boolean retriedByItself, Throwable cause) {
        int attempts = item.attempts() + 1;
        Duration wait = Quarantine.backoff(Math.max(0, attempts - ArrivedFileImporter.MAX_ATTEMPTS));
        Instant next = retriedByItself ? setup.clock().instant().plus(wait) : null;
        String message = ImportMessages.stillQuarantined(record.taskId(), label, problem,
                next == null ? null : "in " + Math.max(1, wait.toMinutes()) + " min");
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.rescheduled(ItemState.QUARANTINED, problem, attempts, next, spaceWait(cause, item.size())))) {
            LOG.warn(message);
        }
    }

    /** A kept file that is a link (or behind one): FAILED, never read (see {@link ArrivedFileImporter}). */
    private void refuse(TransferRecord record, TransferItem item, String label, String why) {
        String message = ImportMessages.refused(record.taskId(), label, why);
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.with(ItemState.FAILED, i.imageUri(), "refused: " + why + "; not imported", i.attempts()))) {
            LOG.warn(message);
        }
    }

    private static java.util.function.Predicate<TransferItem> sameAttempt(TransferItem item) {
        return i -> i.quarantined() && i.attempts() == item.attempts() && i.state() == item.state();
    }
}
