package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.Times;
import org.sregistry.globussim.store.TaskRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link TaskRecord}s as Transfer {@code task}, {@code event} and {@code successful_transfer} documents. */
public final class TaskDocuments {
    private TaskDocuments() {}

    public static Map<String, Object> task(TaskRecord t) {
        synchronized (t) {
            boolean active = !t.isTerminal();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("DATA_TYPE", "task");
            d.put("task_id", t.taskId);
            d.put("type", t.type);
            d.put("status", t.status);
            d.put("label", t.label);
            d.put("owner_id", t.ownerId);
            d.put("owner_string", t.ownerUsername);
            d.put("username", t.ownerUsername);
            d.put("request_time", Times.task(t.requestTime));
            d.put("completion_time", Times.task(t.completionTime));
            d.put("deadline", Times.task(t.deadline));
            d.put("source_endpoint_id", t.sourceEndpointId);
            d.put("destination_endpoint_id", t.destinationEndpointId);
            d.put("source_endpoint_display_name", t.sourceDisplayName);
            d.put("destination_endpoint_display_name", t.destinationDisplayName);
            d.put("source_endpoint", t.sourceDisplayName);
            d.put("destination_endpoint", t.destinationDisplayName);
            d.put("sync_level", t.syncLevel);
            d.put("verify_checksum", t.verifyChecksum);
            d.put("preserve_timestamp", t.preserveTimestamp);
            d.put("encrypt_data", t.encryptData);
            d.put("skip_source_errors", t.skipSourceErrors);
            d.put("fail_on_quota_errors", t.failOnQuotaErrors);
            d.put("delete_destination_extra", t.deleteDestinationExtra);
            d.put("recursive_symlinks", "ignore");
            d.put("notify_on_succeeded", t.notifyOnSucceeded);
            d.put("notify_on_failed", t.notifyOnFailed);
            d.put("notify_on_inactive", t.notifyOnInactive);
            d.put("files", t.files);
            d.put("directories", t.directories);
            d.put("symlinks", t.symlinks);
            d.put("files_transferred", t.filesTransferred);
            d.put("files_skipped", t.filesSkipped);
            d.put("bytes_transferred", t.bytesTransferred);
            d.put("bytes_checksummed", t.bytesChecksummed);
            d.put("effective_bytes_per_second", effectiveRate(t));
            d.put("faults", t.faults);
            d.put("subtasks_total", t.subtasksTotal);
            d.put("subtasks_pending", t.subtasksPending);
            d.put("subtasks_retrying", t.subtasksRetrying);
            d.put("subtasks_succeeded", t.subtasksSucceeded);
            d.put("subtasks_failed", t.subtasksFailed);
            d.put("subtasks_canceled", t.subtasksCanceled);
            d.put("subtasks_expired", t.subtasksExpired);
            d.put("subtasks_skipped_errors", t.subtasksSkippedErrors);
            d.put("nice_status", t.niceStatus);
            d.put("nice_status_short_description", t.niceStatusShortDescription);
            d.put("nice_status_expires_in", active ? -1 : null);
            d.put("nice_status_details", null);
            d.put("is_ok", active ? Boolean.TRUE : "SUCCEEDED".equals(t.status) ? null : Boolean.FALSE);
            d.put("is_paused", false);
            d.put("fatal_error", t.fatalError);
            d.put("canceled_by_admin", null);
            d.put("canceled_by_admin_message", null);
            d.put("history_deleted", false);
            d.put("command", "API 0.10");
            return d;
        }
    }

    private static long effectiveRate(TaskRecord t) {
        if (t.startedAt == null || t.bytesTransferred == 0) return 0;
        Instant end = t.completionTime != null ? t.completionTime : Instant.now();
        double seconds = Math.max(0.001, Duration.between(t.startedAt, end).toMillis() / 1000.0);
        return (long) (t.bytesTransferred / seconds);
    }

    public static Map<String, Object> event(TaskRecord.Event e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "event");
        d.put("code", e.code);
        d.put("is_error", e.isError);
        d.put("description", e.description);
        d.put("details", e.details != null ? e.details : ""); // a string, never null (globus-api.md §3.11)
        d.put("time", Times.task(e.time));
        return d;
    }

    public static Map<String, Object> successfulTransfer(TaskRecord.Transferred s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "successful_transfer");
        d.put("source_path", s.sourcePath);
        d.put("destination_path", s.destinationPath);
        d.put("size", s.size);
        d.put("checksum", s.checksum);
        d.put("checksum_algorithm", s.checksumAlgorithm);
        d.put("dynamic", false); // declared by the JS SDK's typings (globus-api.md §3.10); never true here
        return d;
    }
}
