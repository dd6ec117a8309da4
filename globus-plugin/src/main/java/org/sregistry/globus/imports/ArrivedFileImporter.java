package org.sregistry.globus.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Imports one arrived file of a finished task into the registry, at most once.
 *
 * <p>Why it is exactly once: the registry add carries the once-key {@code taskId:destinationPath},
 * recorded in the same database transaction as the image, so a second add of that file (another
 * run, another process, the same run after a crash) adds nothing and answers the first image. The
 * ledger item is then marked IMPORTED by compare-and-set, only if it is still unsettled. The staged
 * file is removed only in a later round ({@link TaskSettler#finishIfSettled}): the embedded database
 * may write a commit to disk up to a second after it returns, and a file deleted before that could
 * be lost together with an add the crash undid. A crash between any two steps leaves the item
 * unsettled with its file in place, so the next round repeats the add (a no-op) and finishes the job.
 */
final class ArrivedFileImporter {
    private static final Logger LOG = LoggerFactory.getLogger(ArrivedFileImporter.class);
    /** Attempts before an arrived file that cannot be imported is given up. */
    static final int MAX_ATTEMPTS = 5;

    private final ImportSetup setup;
    private final StagedFiles files;

    ArrivedFileImporter(ImportSetup setup, StagedFiles files) {
        this.setup = setup;
        this.files = files;
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
            giveUp(taskId, item, ImportMessages.cannotImport(taskId, label, "its destination " + item.destinationPath()
                    + " is not inside the staging folder"), "outside the staging folder", item.attempts());
            return false;
        }
        Optional<String> problem = StagedFileCheck.problem(file.get(), expectedSize);
        if (problem.isPresent()) {
            retryLater(taskId, item, label, problem.get(), file);
            return false;
        }
        String name;
        try {
            name = ImageNaming.targetName(record, item, task);
        } catch (InvalidImageNameException e) {
            String why = "the requested name is not valid: " + e.getMessage();
            giveUp(taskId, item, ImportMessages.cannotImport(taskId, label, why), why, item.attempts());
            files.remove(file);
            return false;
        }
        AddResult result;
        try {
            result = setup.registry().add(AddRequest.of(file.get(), name, ImageNaming.metadata(record, item, task))
                    .once(OnceKeys.of(taskId, item.destinationPath())));
        } catch (InvalidImageNameException e) {
            String why = "the name is not valid: " + e.getMessage();
            giveUp(taskId, item, ImportMessages.cannotImport(taskId, label, why), why, item.attempts());
            return false;
        } catch (IOException | RuntimeException e) {
            retryLater(taskId, item, label, "adding it to the registry failed: " + e.getMessage(), file);
            return false;
        }
        setup.afterAdd().run();
        String shown = result.image().name().withoutVersion();
        String message = result.alreadyDone() ? ImportMessages.alreadyImported(taskId, shown)
                : ImportMessages.imported(taskId, shown);
        boolean recorded = settleItem(taskId, item, message, false,
                i -> i.with(ItemState.IMPORTED, result.image().uri(), null, i.attempts() + 1));
        if (recorded) {
            LOG.info(message);
        }
        return true;
    }

    private void retryLater(String taskId, TransferItem item, String label, String problem, Optional<Path> file) {
        int attempt = item.attempts() + 1;
        if (attempt >= MAX_ATTEMPTS) {
            String message = ImportMessages.gaveUp(taskId, label, problem, attempt);
            if (giveUp(taskId, item, message, problem, attempt - 1)) {
                files.remove(file); // never imported half: a bad file does not stay exposed either
            }
            return;
        }
        String message = ImportMessages.willRetry(taskId, label, problem, attempt, MAX_ATTEMPTS);
        if (settleItem(taskId, item, message, true, i -> i.with(ItemState.RETRYING, i.imageUri(), problem, attempt))) {
            LOG.warn(message);
        }
    }

    private boolean giveUp(String taskId, TransferItem item, String message, String reason, int attemptsBefore) {
        boolean recorded = settleItem(taskId, item, message, true,
                i -> i.with(ItemState.FAILED, i.imageUri(), reason, attemptsBefore + 1));
        if (recorded) {
            LOG.warn(message);
        }
        return recorded;
    }

    /**
     * Changes the item (found by its destination path) and adds {@code message}, in one
     * compare-and-set, unless another run settled it meanwhile (or, with {@code sameAttempt}, counted
     * this attempt already); true when this call changed it.
     */
    private boolean settleItem(String taskId, TransferItem item, String message, boolean sameAttempt,
                               UnaryOperator<TransferItem> change) {
        AtomicBoolean applied = new AtomicBoolean();
        setup.ledger().update(taskId, r -> {
            applied.set(false);
            for (int i = 0; i < r.items().size(); i++) {
                TransferItem current = r.items().get(i);
                if (sameFile(current, item) && !current.settled()
                        && (!sameAttempt || current.attempts() == item.attempts())) {
                    applied.set(true);
                    return r.withItem(i, change).withMessage(message);
                }
            }
            return r; // settled (or retried) by another run meanwhile: its outcome stands
        });
        return applied.get();
    }

    private static boolean sameFile(TransferItem a, TransferItem b) {
        return java.util.Objects.equals(a.destinationPath(), b.destinationPath())
                && java.util.Objects.equals(a.sourcePath(), b.sourcePath());
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
