package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One Globus task the registry knows about: what was asked, the last progress seen, and what the
 * registry did about each file. Stored in the {@link TransferLedger}.
 *
 * @param taskId                  Globus task id
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
        @JsonProperty("messages") List<String> messages) {

    public TransferRecord {
        items = items == null ? List.of() : List.copyOf(items);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** With new progress. */
    public TransferRecord withProgress(TaskProgress newProgress) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, newProgress, done, messages);
    }

    /** With the item at {@code index} replaced. */
    public TransferRecord withItem(int index, UnaryOperator<TransferItem> change) {
        List<TransferItem> updated = new ArrayList<>(items);
        updated.set(index, change.apply(updated.get(index)));
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, updated, submittedAt, progress, done, messages);
    }

    /** With an item added (foreign transfers learn their files from Globus). */
    public TransferRecord withAddedItem(TransferItem item) {
        List<TransferItem> updated = new ArrayList<>(items);
        updated.add(item);
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, updated, submittedAt, progress, done, messages);
    }

    /** With a message appended (the newest 50 are kept). */
    public TransferRecord withMessage(String message) {
        List<String> updated = new ArrayList<>(messages);
        updated.add(message);
        if (updated.size() > 50) {
            updated = updated.subList(updated.size() - 50, updated.size());
        }
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, done, updated);
    }

    /** Marked done (or not). */
    public TransferRecord withDone(boolean isDone) {
        return new TransferRecord(taskId, direction, label, sourceEndpointId, sourceEndpointName, destinationEndpointId,
                destinationEndpointName, items, submittedAt, progress, isDone, messages);
    }

    /** True while Globus may still be moving bytes. */
    @JsonIgnore
    public boolean active() {
        return progress == null || !progress.finished();
    }
}
