package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.TaskProgress;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * A transfer record as the activity pages and the API show it: status, progress (bytes, files, percent when the
 * size is known), why it is stalled, times, links, and what the registry did with each file.
 *
 * @param taskId          the Globus task
 * @param label           the task label
 * @param direction       {@code send}, {@code bring} or {@code arrived} (started elsewhere)
 * @param source          source endpoint name
 * @param sourceId        source endpoint id
 * @param destination     destination endpoint name
 * @param destinationId   destination endpoint id
 * @param status          Globus status, or {@code SUBMITTED} before the first look
 * @param niceStatus      why an active task is stalled (Globus {@code nice_status}), or null when fine
 * @param bytes           bytes moved
 * @param totalBytes      total bytes when known (sent images), else -1
 * @param files           files in the task (0 = unknown)
 * @param filesDone       files moved
 * @param percent         0–100, or -1 when unknown
 * @param submitted       when submitted
 * @param completed       when Globus finished it, or a dash
 * @param checked         when progress was last read
 * @param active          whether Globus may still be working on it
 * @param done            whether the registry finished its part
 * @param items           per file outcome
 * @param messages        history in plain words
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskView(String taskId, String label, String direction, String source, String sourceId,
                       String destination, String destinationId, String status, String niceStatus, long bytes,
                       long totalBytes, long files, long filesDone, int percent, String submitted, String completed,
                       String checked, boolean active, boolean done, List<Item> items, List<String> messages) {

    /** One file of the task. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String sourcePath, String destinationPath, String imageUri, String state, String reason) {
    }

    /** The view of a record. */
    public static TaskView of(TransferRecord r) {
        TaskProgress p = r.progress();
        long total = r.direction() == Direction.PUT ? stagedBytes(r.items()) : -1;
        long bytes = p == null ? 0 : p.bytesTransferred();
        long files = p == null ? r.items().size() : Math.max(p.files(), 0);
        long filesDone = p == null ? 0 : p.filesTransferred();
        int percent = -1;
        if (p != null && p.finished() && "SUCCEEDED".equals(p.status())) {
            percent = 100;
        } else if (total > 0) {
            percent = (int) Math.min(100, bytes * 100 / total);
        } else if (files > 0 && p != null) {
            percent = (int) Math.min(100, filesDone * 100 / files);
        }
        String status = p == null || p.status() == null ? "SUBMITTED" : p.status();
        String nice = p == null ? null : p.niceStatus();
        boolean stalled = nice != null && !nice.equals("OK") && !nice.equals("Queued");
        List<Item> items = r.items().stream().map(i -> new Item(i.sourcePath(), i.destinationPath(), i.imageUri(),
                i.state() == null ? "PENDING" : i.state().name(), i.reason())).toList();
        return new TaskView(r.taskId(), r.label(), direction(r.direction()), nameOr(r.sourceEndpointName(),
                r.sourceEndpointId()), r.sourceEndpointId(), nameOr(r.destinationEndpointName(),
                r.destinationEndpointId()), r.destinationEndpointId(), status, stalled ? nice : null, bytes, total,
                files, filesDone, percent, Formats.time(r.submittedAt()),
                Formats.time(p == null ? null : p.completionTime()), Formats.time(p == null ? null : p.checkedAt()),
                r.active(), r.done(), items, r.messages());
    }

    /** True while Globus works on it or the registry has not finished its part (import, clean-up). */
    public boolean changing() {
        return active || !done;
    }

    /** The task in the Globus web app. */
    public String globusHref() {
        return "https://app.globus.org/activity/" + taskId;
    }

    /** The task's own page. */
    public String href() {
        return "/globus/tasks/" + taskId;
    }

    /** Bytes in words. */
    public String bytesText() {
        return Formats.size(bytes) + (totalBytes > 0 ? " of " + Formats.size(totalBytes) : "");
    }

    /** Badge class for the status. */
    public String badge() {
        return switch (status) {
            case "SUCCEEDED" -> "succeeded";
            case "FAILED" -> "failed";
            case "INACTIVE" -> "inactive";
            default -> "active";
        };
    }

    private static String direction(Direction d) {
        if (d == null) {
            return "unknown";
        }
        return switch (d) {
            case PUT -> "send";
            case GET -> "bring";
            case FOREIGN -> "arrived";
        };
    }

    private static String nameOr(String name, String id) {
        return name == null || name.isBlank() ? String.valueOf(id) : name;
    }

    private static long stagedBytes(List<TransferItem> items) {
        long sum = 0;
        for (TransferItem item : items) {
            if (item.stagedFile() == null) {
                return -1;
            }
            try {
                sum += Files.size(Path.of(item.stagedFile()));
            } catch (IOException | RuntimeException e) {
                return -1; // cleaned up already: size no longer known
            }
        }
        return sum;
    }
}
