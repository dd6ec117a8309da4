package org.sregistry.globussim.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transfer task: what was submitted, its progress counters, events and successful transfers. Mutated by the
 * transfer engine and read by request threads, always while holding the record's monitor.
 */
public final class TaskRecord {
    /** One submitted {@code transfer_item}. */
    public static final class Item {
        public String sourcePath;
        public String destinationPath;
        public boolean recursive;
        public String externalChecksum;
        public String checksumAlgorithm;
    }

    /** One {@code filter_rule}. */
    public static final class FilterRule {
        public String method;
        public String name;
        public String type;
    }

    /** One {@code event}. */
    public static final class Event {
        public String code;
        public boolean isError;
        public String description;
        public String details;
        public Instant time;
    }

    /** One {@code successful_transfer}. */
    public static final class Transferred {
        public String sourcePath;
        public String destinationPath;
        public long size;
        public String checksum;
        public String checksumAlgorithm;
    }

    public String taskId;
    public String submissionId;
    public String type = "TRANSFER";
    public String status = "ACTIVE";
    public String label;
    public String ownerId;
    public String ownerUsername;
    /** The client whose token submitted the task (simulator bookkeeping: who asked, besides for whom). */
    public String submittedByClientId;
    public Instant requestTime;
    public Instant completionTime;
    public Instant deadline;
    public String sourceEndpointId;
    public String destinationEndpointId;
    public String sourceDisplayName;
    public String destinationDisplayName;

    public Integer syncLevel;
    public boolean verifyChecksum;
    public boolean preserveTimestamp;
    public boolean encryptData;
    public boolean skipSourceErrors;
    public boolean failOnQuotaErrors;
    public boolean deleteDestinationExtra;
    public boolean notifyOnSucceeded = true;
    public boolean notifyOnFailed = true;
    public boolean notifyOnInactive = true;
    public List<Item> items = new ArrayList<>();
    public List<FilterRule> filterRules = new ArrayList<>();

    public long files;
    public long directories;
    public long symlinks;
    public long filesTransferred;
    public long filesSkipped;
    public long bytesTransferred;
    public long bytesChecksummed;
    public long faults;
    public long subtasksTotal;
    public long subtasksPending;
    public long subtasksRetrying;
    public long subtasksSucceeded;
    public long subtasksFailed;
    public long subtasksCanceled;
    public long subtasksExpired;
    public long subtasksSkippedErrors;
    public Instant startedAt;

    public String niceStatus = "Queued";
    public String niceStatusShortDescription = "Queued";
    public Map<String, Object> fatalError;
    public List<Event> events = new ArrayList<>();
    public List<Transferred> successfulTransfers = new ArrayList<>();
    /** Arbitrary extra persisted data (kept for forward compatibility). */
    public Map<String, Object> extra = new LinkedHashMap<>();

    public boolean isTerminal() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    public synchronized void addEvent(String code, boolean isError, String description, String details) {
        Event e = new Event();
        e.code = code;
        e.isError = isError;
        e.description = description;
        e.details = details;
        e.time = Instant.now();
        events.add(e);
    }
}
