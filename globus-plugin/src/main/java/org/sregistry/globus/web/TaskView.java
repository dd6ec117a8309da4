package org.sregistry.globus.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.TaskProgress;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * A transfer record as the activity pages and the API show it: status, progress (bytes, files, percent when the
 * size is known), why it is stalled, times, links, and what the registry did with each file (with Retry and Discard
 * for a quarantined one). Also a submit not confirmed yet ({@code SUBMITTING}) and one Globus refused for good
 * ({@code NOT_SUBMITTED}); both have no task id and go by their submission id ({@code key}).
 *
 * @param key             where the registry keeps it: the task id, else the submission id
 * @param taskId          the Globus task, or null when Globus has not named (or never took) one
 * @param submissionId    the Globus submission id, or null (transfers recorded by 0.1.0, foreign ones)
 * @param label           the task label
 * @param direction       {@code send}, {@code bring} or {@code arrived} (started elsewhere)
 * @param source          source endpoint name
 * @param sourceId        source endpoint id
 * @param destination     destination endpoint name
 * @param destinationId   destination endpoint id
 * @param status          Globus status, {@code SUBMITTED} before the first look, {@code SUBMITTING} while the
 *                        submit is not confirmed, {@code NOT_SUBMITTED} when Globus refused it
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
 * @param user            the registry user who submitted it, or null (foreign transfers, older records)
 * @param retryOf         the transfer this one retries (its key), or null
 * @param retriedAs       the transfer that retried this one (its key; {@code retrying} while under way), or null
 * @param globus          what else Globus said about the task (short status, is_ok, subtasks, rate,
 *                        verify_checksum, fatal error code), or null before the first look
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskView(String key, String taskId, String submissionId, String label, String direction, String source,
                       String sourceId, String destination, String destinationId, String status, String niceStatus,
                       long bytes, long totalBytes, long files, long filesDone, int percent, String submitted,
                       String completed, String checked, boolean active, boolean done, List<Item> items,
                       List<String> messages, String user, String retryOf, String retriedAs,
                       org.sregistry.globus.transfers.TaskDetails globus) {

    /** Status of a submit whose answer the registry has not seen yet. */
    public static final String SUBMITTING = "SUBMITTING";
    /** Status of a submit Globus refused for good. */
    public static final String NOT_SUBMITTED = "NOT_SUBMITTED";
    /** Status of a task that was canceled (Globus says FAILED, with {@code fatal_error.code} CANCELED). */
    public static final String CANCELED = "CANCELED";

    /**
     * One file of the task.
     *
     * @param index         its position in the task (the Retry / Discard routes name it)
     * @param state         PENDING, IMPORTED, CLEANED, RETRYING, QUARANTINED or FAILED
     * @param reason        why it failed, waits or is quarantined
     * @param attempts      import attempts so far
     * @param keptFile      where a quarantined file is kept, or null
     * @param nextAttempt   when a quarantined file is retried by itself, or null
     * @param actions       what an admin can do with it: {@code retry}, {@code discard} (quarantined files only)
     * @param replace       for a pull: whether it may replace an image already under its name (else a free name)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(int index, String sourcePath, String destinationPath, String imageUri, String state,
                       String reason, int attempts, String keptFile, String nextAttempt, List<String> actions,
                       boolean replace) {

        /** True when Retry and Discard apply. */
        @JsonIgnore
        public boolean actionable() {
            return !actions.isEmpty();
        }

        /** The image's name without its version ({@code collection/name:tag}), for display; null when none. */
        @JsonIgnore
        public String imageName() {
            if (imageUri == null) {
                return null;
            }
            int at = imageUri.indexOf('@');
            return at < 0 ? imageUri : imageUri.substring(0, at);
        }

        /** The first 12 hex digits of the image's digest ({@code sha256:196409ab9277…}), or null (the full URI is the title). */
        @JsonIgnore
        public String shortDigest() {
            int at = imageUri == null ? -1 : imageUri.indexOf('@');
            if (at < 0) {
                return null;
            }
            String digest = imageUri.substring(at + 1);
            int colon = digest.indexOf(':');
            return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
        }
    }

    /** The view of a record. */
    public static TaskView of(TransferRecord r) {
        return of(r, null);
    }

    /** The view of a submit not confirmed yet. */
    public static TaskView of(SubmitIntent intent) {
        return of(intent.transfer(), intent);
    }

    private static TaskView of(TransferRecord r, SubmitIntent intent) {
        TaskProgress p = r.progress();
        long total = r.direction() == Direction.PUT && r.taskId() != null ? stagedBytes(r.items()) : -1;
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
        String status;
        if (intent != null) {
            status = SUBMITTING;
        } else if (r.taskId() == null) {
            status = NOT_SUBMITTED;
        } else {
            status = p == null || p.status() == null ? "SUBMITTED" : p.canceled() ? CANCELED : p.status();
        }
        String nice = p == null ? null : p.niceStatus();
        // why an active task is stalled; a finished one says how it ended in its status (Globus clears nice_status)
        boolean stalled = nice != null && !p.finished() && !nice.equals("OK") && !nice.equals("Queued");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < r.items().size(); i++) {
            items.add(item(i, r.items().get(i), intent == null && r.taskId() != null));
        }
        List<String> messages = new ArrayList<>(r.messages());
        if (intent != null && intent.lastError() != null) {
            messages.add("not confirmed by Globus yet (" + intent.attempts() + " resubmit(s)); last: "
                    + intent.lastError());
        }
        return new TaskView(intent != null ? intent.submissionId() : r.key(), r.taskId(), r.submissionId(), r.label(),
                direction(r.direction()), nameOr(r.sourceEndpointName(), r.sourceEndpointId()), r.sourceEndpointId(),
                nameOr(r.destinationEndpointName(), r.destinationEndpointId()), r.destinationEndpointId(), status,
                stalled ? nice : null, bytes, total, files, filesDone, percent, Formats.time(r.submittedAt()),
                Formats.time(p == null ? null : p.completionTime()), Formats.time(p == null ? null : p.checkedAt()),
                r.active() || intent != null, r.done(), items, messages, r.user(), r.retryOf(),
                intent != null ? null : r.retriedAs(), p == null ? null : p.details());
    }

    private static Item item(int index, TransferItem i, boolean recorded) {
        boolean quarantined = recorded && i.quarantined();
        List<String> actions = quarantined && i.state() == ItemState.QUARANTINED ? List.of("retry", "discard")
                : quarantined ? List.of("discard") : List.of();
        return new Item(index, i.sourcePath(), i.destinationPath(), i.imageUri(),
                i.state() == null ? "PENDING" : i.state().name(), i.reason(), i.attempts(),
                quarantined ? i.keptFile() : null,
                quarantined && i.nextAttemptAt() != null ? Formats.time(i.nextAttemptAt()) : null, actions,
                i.replaceExisting());
    }

    /**
     * True while Globus works on it or the registry has not finished its part (submit, import, clean-up) by itself;
     * a transfer whose only open files are quarantined waits for an admin (or the backoff) and is not polled.
     */
    public boolean changing() {
        if (active) {
            return true;
        }
        if (done) {
            return false;
        }
        return items.stream().anyMatch(i -> !isSettled(i.state()) && !"QUARANTINED".equals(i.state()));
    }

    private static boolean isSettled(String state) {
        return "IMPORTED".equals(state) || "CLEANED".equals(state) || "FAILED".equals(state);
    }

    /** True when Cancel applies: Globus has the task and it has not ended. */
    @JsonIgnore
    public boolean cancelable() {
        return taskId != null && active && !SUBMITTING.equals(status);
    }

    /**
     * True when Retry applies: a send or bring that failed, was canceled or that Globus refused, and that was not
     * retried yet.
     */
    @JsonIgnore
    public boolean retryable() {
        return !active && retriedAs == null && ("send".equals(direction) || "bring".equals(direction))
                && ("FAILED".equals(status) || CANCELED.equals(status) || NOT_SUBMITTED.equals(status));
    }

    /** Where Cancel posts. */
    public String cancelHref() {
        return href() + "/cancel";
    }

    /** Where Retry posts. */
    public String retryTaskHref() {
        return href() + "/retry";
    }

    /** The page of the transfer this one retries, or null. */
    public String retryOfHref() {
        return retryOf == null ? null : "/globus/tasks/" + retryOf;
    }

    /** The page of the transfer that retried this one, or null (none, or still being submitted). */
    public String retriedAsHref() {
        return retriedAs == null || org.sregistry.globus.transfers.TransferRecord.RETRYING.equals(retriedAs) ? null
                : "/globus/tasks/" + retriedAs;
    }

    /** Globus's effective rate in human units while active ({@code 1.5 MiB/s}), else null. */
    @JsonIgnore
    public String rateText() {
        if (!active || globus == null || globus.bytesPerSecond() == null) {
            return null;
        }
        return Formats.size(globus.bytesPerSecond()) + "/s";
    }

    /** {@code on} / {@code off} for Globus's verify_checksum echo, or null when not known yet. */
    @JsonIgnore
    public String checksumText() {
        return globus == null || globus.verifyChecksum() == null ? null : globus.verifyChecksum() ? "on" : "off";
    }

    /** {@code is_ok} in words while the task is active; null once it ended (it says nothing then) or unknown. */
    @JsonIgnore
    public String okText() {
        if (globus == null || globus.isOk() == null || !active || done) {
            return null;
        }
        return globus.isOk() ? "yes" : "no — Globus is retrying faults";
    }

    /** Subtask counts, e.g. {@code 3 succeeded · 0 failed · 1 pending · 0 skipped}, or null when unknown. */
    @JsonIgnore
    public String subtasksText() {
        if (globus == null || globus.subtasksTotal() == null) {
            return null;
        }
        String text = n(globus.subtasksSucceeded()) + " succeeded · " + n(globus.subtasksFailed()) + " failed · "
                + n(globus.subtasksPending()) + " pending · " + n(globus.subtasksSkipped()) + " skipped";
        long canceled = n(globus.subtasksCanceled());
        return text + (canceled > 0 ? " · " + canceled + " canceled" : "") + " (of " + globus.subtasksTotal() + ")";
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }

    /** The task in the Globus web app, or null without a task. */
    public String globusHref() {
        return taskId == null ? null : "https://app.globus.org/activity/" + taskId;
    }

    /** The transfer's own page. */
    public String href() {
        return "/globus/tasks/" + key;
    }

    /** Where the Retry of item {@code index} posts. */
    public String retryHref(int index) {
        return href() + "/items/" + index + "/retry";
    }

    /** Where the Discard of item {@code index} posts. */
    public String discardHref(int index) {
        return href() + "/items/" + index + "/discard";
    }

    /** Bytes in words. */
    public String bytesText() {
        return Formats.size(bytes) + (totalBytes > 0 ? " of " + Formats.size(totalBytes) : "");
    }

    /** Badge class for the status. */
    public String badge() {
        return switch (status) {
            case "SUCCEEDED" -> "succeeded";
            case "FAILED", NOT_SUBMITTED, CANCELED -> "failed";
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
                // never through a link: a staged file replaced by one says nothing about the transfer
                sum += Files.readAttributes(Path.of(item.stagedFile()), java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).size();
            } catch (IOException | RuntimeException e) {
                return -1; // cleaned up already: size no longer known
            }
        }
        return sum;
    }
}
