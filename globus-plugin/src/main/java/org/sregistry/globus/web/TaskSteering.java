package org.sregistry.globus.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.OperationResult;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ProgressRefresher;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globus.transfers.TransferSubmitter;

/**
 * Cancel and Retry of the activity page.
 * <ul>
 *   <li><b>Cancel</b>: {@code POST /task/{id}/cancel} at Globus. {@code Canceled}: the task's progress is read
 *       again at once (it ends FAILED with {@code fatal_error.code} CANCELED, shown as CANCELED) and the import task
 *       is woken to settle it (a canceled bring imports nothing, a canceled send's staged copies are removed).
 *       {@code TaskComplete}: the task had finished already, and the answer says so.</li>
 *   <li><b>Retry</b> of a send or bring that failed, was canceled or was refused: a <em>new</em> submission of the
 *       same items (a bring: the files not imported, under the names asked for, with the same "replace"; a send:
 *       the same images to the same folder), a new ledger record with {@code retry_of} naming the old one, whose
 *       {@code retried_as} names the new (set first, as {@code retrying}, so a second Retry cannot submit twice).
 *       The new task's files get their own once-keys, so each image is imported exactly once.</li>
 * </ul>
 */
public final class TaskSteering {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSteering.class);

    /** What became of a Cancel or Retry. */
    public enum Kind { CANCELED, ALREADY_FINISHED, RETRIED, NOT_POSSIBLE, UNKNOWN }

    /**
     * @param kind    what happened
     * @param message in plain words
     * @param key     the transfer to show next (the new one for a retry)
     */
    public record Outcome(Kind kind, String message, String key) {
    }

    private final TransferLedger ledger;
    private final Function<TransferRecord, TransferClient> client;
    private final ProgressRefresher refresher;
    private final TransferSubmitter submitter;
    private final Clock clock;
    private final Runnable wake;

    /**
     * Steering over the ledger; {@code client} cancels tasks (no retries: a person waits), {@code refresher}
     * reads a canceled task back at once.
     */
    public TaskSteering(TransferLedger ledger, Function<TransferRecord, TransferClient> client, TransferSubmitter submitter,
                        ProgressRefresher refresher,
                        Clock clock, Runnable wake) {
        this.ledger = ledger;
        this.client = client;
        this.refresher = refresher;
        this.submitter = submitter;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Cancels the task of transfer {@code key} for {@code by}.
     *
     * @throws GlobusApiException Globus refused or failed the cancel
     */
    public Outcome cancel(String key, String by) {
        Optional<TransferRecord> found = ledger.get(key);
        if (found.isEmpty()) {
            return new Outcome(Kind.UNKNOWN, "This registry has no record of transfer " + key + ".", key);
        }
        TransferRecord record = found.get();
        if (record.taskId() == null) {
            return new Outcome(Kind.NOT_POSSIBLE, "Globus never took this transfer, so there is nothing to cancel.",
                    key);
        }
        if (record.direction() == Direction.FOREIGN) {
            return new Outcome(Kind.NOT_POSSIBLE, "This transfer was started outside the registry; cancel it where "
                    + "it was started (e.g. the Globus web app).", key);
        }
        if (record.progress() != null && record.progress().canceled()) {
            return new Outcome(Kind.ALREADY_FINISHED, "This transfer was canceled already.", record.key());
        }
        OperationResult result = client.apply(record).cancelTask(record.taskId());
        boolean complete = "TaskComplete".equals(result.code());
        TransferRecord now = refresher.refreshNow(record);
        boolean canceledBefore = complete && now.progress() != null && now.progress().canceled();
        if (canceledBefore) {
            // a second Cancel (another tab, a double click): the first one did it; nothing new for the ledger
            return new Outcome(Kind.ALREADY_FINISHED, "This transfer was canceled already.", record.key());
        }
        String message = complete
                ? "The task had already finished before the cancel arrived: nothing was canceled."
                : "Canceled at Globus: the task stops; files that had not arrived are not imported.";
        String note = complete ? "cancel asked by " + by + ": the task had already finished"
                : "canceled on the activity page by " + by;
        ledger.update(record.key(), r -> r.withMessage(note));
        wake.run();
        LOG.info("Globus task {}: {}", record.taskId(), note);
        return new Outcome(complete ? Kind.ALREADY_FINISHED : Kind.CANCELED, message, record.key());
    }

    /**
     * Submits transfer {@code key} again for {@code by}.
     *
     * @throws GlobusApiException Globus refused or failed the new submit (the old record can be retried again)
     * @throws IOException        staging a send's images failed
     */
    public Outcome retry(String key, Submitter by) throws IOException {
        Optional<TransferRecord> found = ledger.get(key);
        if (found.isEmpty()) {
            return new Outcome(Kind.UNKNOWN, "This registry has no record of transfer " + key + ".", key);
        }
        TaskView view = TaskView.of(found.get());
        if (found.get().retriedAs() != null) {
            return new Outcome(Kind.NOT_POSSIBLE, TransferRecord.RETRYING.equals(found.get().retriedAs())
                    ? "This transfer is being retried already." : "This transfer was retried already (as "
                    + found.get().retriedAs() + ").", key);
        }
        if (!view.retryable()) {
            return new Outcome(Kind.NOT_POSSIBLE, "Only a send or bring that failed, was canceled or was refused "
                    + "can be retried; this one is " + view.status() + ".", key);
        }
        AtomicBoolean claimed = new AtomicBoolean();
        ledger.update(key, r -> {
            claimed.set(r.retriedAs() == null);
            return claimed.get() ? r.withRetriedAs(TransferRecord.RETRYING) : r;
        });
        if (!claimed.get()) {
            return new Outcome(Kind.NOT_POSSIBLE, "This transfer is being retried already.", key);
        }
        TransferRecord record = ledger.get(key).orElseThrow();
        SubmittedTransfer done;
        try {
            done = submit(record, by);
        } catch (IOException | RuntimeException e) {
            ledger.update(key, r -> TransferRecord.RETRYING.equals(r.retriedAs()) ? r.withRetriedAs(null) : r);
            throw e;
        }
        String newKey = done.taskId() != null ? done.taskId() : done.submissionId();
        ledger.update(key, r -> r.withRetriedAs(newKey).withMessage("retried by " + by.username() + " as "
                + (done.taskId() != null ? "task " : "submission ") + newKey));
        LOG.info("Globus transfer {} retried as {}", key, newKey);
        return new Outcome(Kind.RETRIED, "Retried: " + done.message(), newKey);
    }

    private SubmittedTransfer submit(TransferRecord record, Submitter by) throws IOException {
        if (record.direction() == Direction.GET) {
            List<TransferSubmitter.PullFile> files = new ArrayList<>();
            boolean replace = false;
            for (TransferItem item : record.items()) {
                if (item.state() == ItemState.IMPORTED) {
                    continue; // arrived and imported: not brought twice
                }
                files.add(new TransferSubmitter.PullFile(item.sourcePath(), nameOf(item.imageUri())));
                replace |= item.replaceExisting();
            }
            return submitter.pull(record.sourceEndpointId(), files, replace, by, record.key());
        }
        List<String> images = record.items().stream().map(TransferItem::imageUri).toList();
        String first = record.items().isEmpty() ? null : record.items().get(0).destinationPath();
        String folder = first == null ? null : EndpointPaths.parent(first);
        return submitter.push(record.destinationEndpointId(), folder, images, by, record.key());
    }

    /** A pull item's target name without a version. */
    private static String nameOf(String imageUri) {
        if (imageUri == null) {
            return null;
        }
        int at = imageUri.indexOf('@');
        return at < 0 ? imageUri : imageUri.substring(0, at);
    }
}
