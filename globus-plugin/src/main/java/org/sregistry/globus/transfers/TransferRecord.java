package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.sregistry.globus.connection.ConnectionRef;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One Globus task the registry knows about: what was asked, the last progress seen, and what the
 * registry did about each file. Stored in the {@link TransferLedger}; while its submit is not confirmed yet,
 * the same shape sits inside a {@link SubmitIntent} (task id still null).
 *
 * <p>Records written by 0.1.0 have no {@code submission_id} (read as null) and are keyed by their task id, as are
 * foreign transfers; a submit that Globus refused for good has no task id and is keyed by its submission id
 * ({@link #key()}).
 *
 * @param taskId                  Globus task id, or null when Globus never confirmed a task
 * @param direction               push, pull or a foreign transfer into the staging folder
 * @param label                   the task label
 * @param sourceEndpointId        source collection id
 * @param sourceEndpointName      its display name when submitted
 * @param destinationEndpointId   destination collection id
 * @param destinationEndpointName its display name when submitted
 * @param items                   one per file
 * @param submittedAt             when the registry submitted (or first saw) it
 * @param progress                last progress seen, or null
 * @param done                    true once the task ended and every item is settled
 * @param messages                plain-words history shown on the activity page
 * @param submissionId            the Globus submission id it was (re)submitted with, or null (0.1.0, foreign)
 * @param user                    the registry user who submitted it, or null (records made before accounts,
 *                                foreign transfers): its import checks that this user may still push
 * @param retryOf                 the key of the failed or canceled transfer this one retries, or null
 * @param retriedAs               the key of the transfer that retried this one ({@link #RETRYING} while that
 *                                submit is under way), or null
 * @param connection              whose Globus connection submitted and follows it; null: the registry's own
 *                                (service) connection (single-user setups, foreign transfers, older records)
 * @param share                   the access rule made on the registry's collection for this transfer, or null
 * @param sync                    the scheduled sync rule this Send was made for, or null (not a sync)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferRecord(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("direction") Direction direction,
        @JsonProperty("label") String label,
        @JsonProperty("source_endpoint_id") String sourceEndpointId,
        @JsonProperty("source_endpoint_name") String sourceEndpointName,
        @JsonProperty("destination_endpoint_id") String destinationEndpointId,
        @JsonProperty("destination_endpoint_name") String destinationEndpointName,
        @JsonProperty("items") List<TransferItem> items,
        @JsonProperty("submitted_at") Instant submittedAt,
        @JsonProperty("progress") TaskProgress progress,
        @JsonProperty("done") boolean done,
        @JsonProperty("messages") List<String> messages,
        @JsonProperty("submission_id") String submissionId,
        @JsonProperty("user") String user,
        @JsonProperty("retry_of") String retryOf,
        @JsonProperty("retried_as") String retriedAs,
        @JsonProperty("connection") ConnectionRef connection,
        @JsonProperty("share") ShareRef share,
        @JsonProperty("sync") @JsonInclude(JsonInclude.Include.NON_NULL) SyncRef sync) {

    /** {@link #retriedAs()} while the retry's submit is under way. */
    public static final String RETRYING = "retrying";

    /** Most messages kept. */
    static final int MAX_MESSAGES = 50;

    public TransferRecord {
        items = items == null ? List.of() : List.copyOf(items);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** A record without a submission id (foreign transfers; the shape of 0.1.0). */
    public TransferRecord(String taskId, Direction direction, String label, String sourceEndpointId,
                          String sourceEndpointName, String destinationEndpointId, String destinationEndpointName,
                          List<TransferItem> items, Instant submittedAt, TaskProgress progress, boolean done,
                          List<String> messages) {
        this(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, null, null);
    }

    /** A record that retries nothing and was not retried. */
    public TransferRecord(String taskId, Direction direction, String label, String sourceEndpointId,
                          String sourceEndpointName, String destinationEndpointId, String destinationEndpointName,
                          List<TransferItem> items, Instant submittedAt, TaskProgress progress, boolean done,
                          List<String> messages, String submissionId, String user) {
        this(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, null, null, null, null,
                null);
    }

    /** The retry of transfer {@code key}. */
    public TransferRecord withRetryOf(String key) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, key,
                retriedAs, connection, share, sync);
    }

    /** Retried as transfer {@code key} ({@link #RETRYING} while under way, null: not retried). */
    public TransferRecord withRetriedAs(String key) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, retryOf,
                key, connection, share, sync);
    }

    /** A record without a user (made before accounts existed). */
    public TransferRecord(String taskId, Direction direction, String label, String sourceEndpointId,
                          String sourceEndpointName, String destinationEndpointId, String destinationEndpointName,
                          List<TransferItem> items, Instant submittedAt, TaskProgress progress, boolean done,
                          List<String> messages, String submissionId) {
        this(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, null);
    }

    /** Submitted and followed with {@code ref}'s Globus connection (null: the service connection). */
    public TransferRecord withConnection(ConnectionRef ref) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, retryOf,
                retriedAs, ref, share, sync);
    }

    /** With the access rule of this transfer in its new state. */
    public TransferRecord withShare(ShareRef ref) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, retryOf,
                retriedAs, connection, ref, sync);
    }

    /** Made for scheduled sync rule {@code ref} (its {@code sync_level} goes into the Globus request). */
    public TransferRecord withSync(SyncRef ref) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, retryOf,
                retriedAs, connection, share, ref);
    }

    /** The registry user whose own Globus connection this transfer uses, or null for the service connection. */
    @JsonIgnore
    public String connectionUser() {
        return connection == null ? null : connection.user();
    }

    /** Submitted by {@code username}. */
    public TransferRecord withUser(String username) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, username, retryOf, retriedAs, connection, share, sync);
    }

    /** Where the ledger keeps it: the task id, or the submission id of a submit Globus never confirmed. */
    @JsonIgnore
    public String key() {
        return taskId != null ? taskId : submissionId;
    }

    /** With the task id Globus answered. */
    public TransferRecord withTaskId(String id) {
        return new TransferRecord(id, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, messages, submissionId, user, retryOf, retriedAs, connection, share, sync);
    }

    /** With new progress. */
    public TransferRecord withProgress(TaskProgress newProgress) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, newProgress, done, messages, submissionId, user, retryOf, retriedAs, connection, share, sync);
    }

    /** With the item at {@code index} replaced. */
    public TransferRecord withItem(int index, UnaryOperator<TransferItem> change) {
        List<TransferItem> updated = new ArrayList<>(items);
        updated.set(index, change.apply(updated.get(index)));
        return withItems(updated);
    }

    /** With every item replaced by {@code change}. */
    public TransferRecord withEveryItem(UnaryOperator<TransferItem> change) {
        return withItems(items.stream().map(change).toList());
    }

    /** With an item added (foreign transfers learn their files from Globus). */
    public TransferRecord withAddedItem(TransferItem item) {
        List<TransferItem> updated = new ArrayList<>(items);
        updated.add(item);
        return withItems(updated);
    }

    private TransferRecord withItems(List<TransferItem> updated) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, updated, submittedAt, progress, done, messages, submissionId, user, retryOf, retriedAs, connection, share, sync);
    }

    /** With a message appended (the newest {@value #MAX_MESSAGES} are kept). */
    public TransferRecord withMessage(String message) {
        List<String> updated = new ArrayList<>(messages);
        updated.add(message);
        if (updated.size() > MAX_MESSAGES) {
            updated = updated.subList(updated.size() - MAX_MESSAGES, updated.size());
        }
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, updated, submissionId, user, retryOf, retriedAs, connection, share, sync);
    }

    /** Marked done (or not). */
    public TransferRecord withDone(boolean isDone) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, isDone, messages, submissionId, user, retryOf, retriedAs, connection, share, sync);
    }

    /** True while Globus may still be moving bytes (never for a submit Globus did not take). */
    @JsonIgnore
    public boolean active() {
        return taskId != null && (progress == null || !progress.finished());
    }

    /** The index of the item for the same file as {@code item} (same source and destination path), or -1. */
    public int indexOf(TransferItem item) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).sameFile(item)) {
                return i;
            }
        }
        return -1;
    }
}
