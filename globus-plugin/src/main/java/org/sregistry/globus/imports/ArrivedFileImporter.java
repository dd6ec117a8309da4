package org.sregistry.globus.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.ConfinedFolder;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Imports one arrived file of a finished task into the registry, at most once, and never destroys it.
 *
 * <p>Why it is exactly once: see {@link ImageAdder}. The ledger item is then marked IMPORTED by compare-and-set,
 * only if it is still unsettled. The staged file is removed only in a later round ({@link TaskSettler#finishIfSettled}):
 * a file deleted before the add's commit is on disk could be lost together with an add a crash undid. A crash
 * between any two steps leaves the item unsettled with its file in place, so the next round repeats the add (a
 * no-op) and finishes the job.
 *
 * <p>What happens when it cannot be imported:
 * <ul>
 *   <li>missing, the wrong size, or the add failed (disk full, database down): RETRYING, once per poll interval, up
 *       to {@value #MAX_ATTEMPTS} attempts; then, when the file exists, QUARANTINED (moved to the {@link Quarantine}
 *       folder, retried by itself with backoff, Retry / Discard on the activity page); when nothing arrived, FAILED;
 *   <li>an invalid requested name: QUARANTINED at once (no retry will help; an admin discards it or retries);
 *   <li>the user who asked for it may no longer push to its collection ({@link ImageAdder.NotAllowed}):
 *       QUARANTINED at once with that reason, not retried by itself (an admin discards it, or retries once the
 *       rights are back);
 *   <li>a destination outside the staging folder: FAILED (no file of ours);
 *   <li>a staged file that is a symbolic link, or lies behind one (a linked sub-folder): FAILED, "refused" with
 *       the reason — never read, never moved; only the link itself is removed later ({@link ConfinedFolder}).
 * </ul>
 * Only an explicit Discard deletes the bytes of a file that arrived.
 */
final class ArrivedFileImporter {
    private static final Logger LOG = LoggerFactory.getLogger(ArrivedFileImporter.class);
    /** Attempts before an arrived file that cannot be imported goes to quarantine. */
    static final int MAX_ATTEMPTS = 5;

    private final ImportSetup setup;
    private final StagedFiles files;
    private final ImageAdder adder;

    ArrivedFileImporter(ImportSetup setup, StagedFiles files) {
        this.setup = setup;
        this.files = files;
        this.adder = new ImageAdder(setup, files);
    }

    /**
     * Imports {@code item} of {@code record}; {@code expectedSize} is what Globus reported, or null.
     * True when the file is now in the registry (its staged copy is removed in a later round).
     */
    boolean importItem(TransferRecord record, TransferItem item, Task task, Long expectedSize) {
        String taskId = record.taskId();
        String label = fileLabel(item);
        Optional<Path> file = files.arrivedFile(item);
        if (file.isEmpty()) {
            giveUp(record, item, ImportMessages.cannotImport(taskId, label, "its destination "
                    + item.destinationPath() + " is not inside the staging folder"), "outside the staging folder");
            return false;
        }
        ConfinedFolder.Look look = files.look(file.get());
        if (look instanceof ConfinedFolder.Refused refused) {
            refuse(record, item, label, refused.why());
            return false;
        }
        Optional<String> problem = StagedFileCheck.problem(look, file.get(), expectedSize);
        if (problem.isPresent()) {
            retryLater(record, item, label, problem.get(), file.get(), expectedSize, null);
            return false;
        }
        ImageAdder.Outcome outcome = adder.add(record, item, file.get(), task);
        if (outcome instanceof ImageAdder.BadName bad) {
            quarantine(record, item, label, bad.why(), file.get(), expectedSize, false, null);
            return false;
        }
        if (outcome instanceof ImageAdder.Refused refused) {
            refuse(record, item, label, refused.why());
            return false;
        }
        if (outcome instanceof ImageAdder.NotAllowed notAllowed) {
            quarantine(record, item, label, notAllowed.why(), file.get(), expectedSize, false, null);
            return false;
        }
        if (outcome instanceof ImageAdder.Failed failed) {
            retryLater(record, item, label, failed.why(), file.get(), expectedSize, failed.cause());
            return false;
        }
        ImageAdder.Added added = (ImageAdder.Added) outcome;
        var result = added.result();
        setup.afterAdd().run();
        String shown = result.image().name().withoutVersion();
        String message = (result.alreadyDone() ? ImportMessages.alreadyImported(taskId, shown)
                : ImportMessages.imported(taskId, shown)) + ImportMessages.renamedNote(added);
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, i -> !i.settled() && !i.quarantined(),
                i -> i.with(ItemState.IMPORTED, result.image().uri(), null, i.attempts() + 1))) {
            LOG.info(message);
            audit(setup, record, item, result.image().uri(), result.alreadyDone());
            setup.meters().imported();
        }
        return true;
    }

    /** {@code globus.import} of the image, naming the task and the user who asked for it (if any). */
    static void audit(ImportSetup setup, TransferRecord record, TransferItem item, String uri, boolean alreadyDone) {
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("task", record.taskId());
        if (record.user() != null) {
            details.put("user", record.user());
        }
        if (item.sourcePath() != null) {
            details.put("source_path", item.sourcePath());
        }
        if (record.sourceEndpointName() != null) {
            details.put("endpoint_name", record.sourceEndpointName());
        }
        if (alreadyDone) {
            details.put("already_imported", "true");
        }
        // a scheduled task serves no request: the event names the user the transfer was for
        org.sregistry.api.Access.Caller who = record.user() == null ? null
                : setup.access().user(record.user()).orElse(null);
        setup.audit().recordFor(who, "import", uri, details);
    }

    private void retryLater(TransferRecord record, TransferItem item, String label, String problem, Path file,
                            Long size, Throwable cause) {
        String taskId = record.taskId();
        int attempt = item.attempts() + 1;
        if (attempt >= MAX_ATTEMPTS) {
            ConfinedFolder.Look look = files.look(file);
            if (look instanceof ConfinedFolder.Refused refused) {
                refuse(record, item, label, refused.why());
            } else if (look instanceof ConfinedFolder.Regular) {
                quarantine(record, item, label, problem, file, size, true, cause); // never delete what arrived
            } else {
                giveUp(record, item, ImportMessages.gaveUp(taskId, label, problem, attempt), problem);
            }
            return;
        }
        String message = ImportMessages.willRetry(taskId, label, problem, attempt, MAX_ATTEMPTS);
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.with(ItemState.RETRYING, i.imageUri(), problem, attempt))) {
            LOG.warn(message);
        }
    }

    /**
     * Moves the file into quarantine: the item names its new place first (so a crash mid-move leaves the bytes
     * where the item says, or in the staging folder, from where the next retry finishes the move), then the move.
     * When the move fails (e.g. the quarantine folder's disk is full too) the file stays in the staging folder.
     */
    private void quarantine(TransferRecord record, TransferItem item, String label, String problem, Path staged,
                            Long size, boolean retriedByItself, Throwable cause) {
        int index = record.indexOf(item);
        if (index < 0) {
            return;
        }
        Path target = setup.quarantine().placeFor(record, index, staged);
        Instant next = retriedByItself ? setup.clock().instant().plus(Quarantine.backoff(0)) : null;
        String message = ImportMessages.quarantined(record.taskId(), label, problem, retriedByItself);
        int attempts = item.attempts() + 1;
        if (!LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.quarantinedAt(target.toString(), size, problem, attempts, next,
                        QuarantineRetries.spaceWait(cause, size)))) {
            return;
        }
        LOG.warn(message);
        try {
            Quarantine.move(files.folderOf(staged), staged, target);
        } catch (ConfinedFolder.RefusedException e) {
            refuse(record, item, label, e.getMessage()); // it became a link: never moved, never read
        } catch (IOException e) {
            String kept = ImportMessages.keptInStaging(record.taskId(), label, e.toString());
            LedgerItems.change(setup.ledger(), record.key(), item, kept, TransferItem::quarantined,
                    i -> i.keptIn(staged.toString()));
            LOG.warn(kept);
        }
    }

    /**
     * A file that is a link (or behind one) in the staging folder: FAILED with the reason, never read, never moved;
     * only the link itself is removed later, never what it points to.
     */
    private void refuse(TransferRecord record, TransferItem item, String label, String why) {
        String reason = "refused: " + why + "; not imported";
        String message = ImportMessages.refused(record.taskId(), label, why);
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, i -> !i.settled(),
                i -> i.with(ItemState.FAILED, i.imageUri(), reason, item.attempts() + 1))) {
            LOG.warn(message);
        }
    }

    private void giveUp(TransferRecord record, TransferItem item, String message, String reason) {
        if (LedgerItems.change(setup.ledger(), record.key(), item, message, sameAttempt(item),
                i -> i.with(ItemState.FAILED, i.imageUri(), reason, item.attempts() + 1))) {
            LOG.warn(message);
        }
    }

    /** Still unsettled, not quarantined, and not counted for this attempt by another run. */
    private static java.util.function.Predicate<TransferItem> sameAttempt(TransferItem item) {
        return i -> !i.settled() && !i.quarantined() && i.attempts() == item.attempts();
    }

    static String fileLabel(TransferItem item) {
        String path = item.sourcePath() != null ? item.sourcePath() : item.destinationPath();
        if (path == null) {
            return "a file";
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }
}
