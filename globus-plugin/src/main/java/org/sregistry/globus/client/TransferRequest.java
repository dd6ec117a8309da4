package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A transfer submission: endpoints, items and options. Options left null are not sent (Globus defaults apply);
 * {@code verify_checksum} is sent explicitly because the documented and observed defaults differ. Leave
 * {@code submissionId} null to let {@link TransferClient#submitTransfer} fetch one before the first attempt.
 */
public final class TransferRequest {

    private final String submissionId;
    private final String sourceEndpoint;
    private final String destinationEndpoint;
    private final String label;
    private final SyncLevel syncLevel;
    private final boolean verifyChecksum;
    private final Boolean preserveTimestamp;
    private final Boolean encryptData;
    private final Boolean skipSourceErrors;
    private final Boolean failOnQuotaErrors;
    private final Boolean deleteDestinationExtra;
    private final Boolean notifyOnSucceeded;
    private final Boolean notifyOnFailed;
    private final Boolean notifyOnInactive;
    private final OffsetDateTime deadline;
    private final String sourceLocalUser;
    private final String destinationLocalUser;
    private final List<TransferItem> items;

    private TransferRequest(Builder b) {
        this.submissionId = b.submissionId;
        this.sourceEndpoint = Objects.requireNonNull(b.sourceEndpoint, "sourceEndpoint");
        this.destinationEndpoint = Objects.requireNonNull(b.destinationEndpoint, "destinationEndpoint");
        this.label = b.label;
        this.syncLevel = b.syncLevel;
        this.verifyChecksum = b.verifyChecksum;
        this.preserveTimestamp = b.preserveTimestamp;
        this.encryptData = b.encryptData;
        this.skipSourceErrors = b.skipSourceErrors;
        this.failOnQuotaErrors = b.failOnQuotaErrors;
        this.deleteDestinationExtra = b.deleteDestinationExtra;
        this.notifyOnSucceeded = b.notifyOnSucceeded;
        this.notifyOnFailed = b.notifyOnFailed;
        this.notifyOnInactive = b.notifyOnInactive;
        this.deadline = b.deadline;
        this.sourceLocalUser = b.sourceLocalUser;
        this.destinationLocalUser = b.destinationLocalUser;
        this.items = List.copyOf(b.items);
    }

    /** A builder for a transfer between two collections. */
    public static Builder builder(String sourceEndpoint, String destinationEndpoint) {
        return new Builder(sourceEndpoint, destinationEndpoint);
    }

    public String submissionId() {
        return submissionId;
    }

    public String sourceEndpoint() {
        return sourceEndpoint;
    }

    public String destinationEndpoint() {
        return destinationEndpoint;
    }

    public String label() {
        return label;
    }

    public List<TransferItem> items() {
        return items;
    }

    /** Files whose destination already matches by this criterion are skipped; null: every file is copied. */
    public SyncLevel syncLevel() {
        return syncLevel;
    }

    /** The same request with a submission id. */
    public TransferRequest withSubmissionId(String id) {
        Builder b = toBuilder();
        b.submissionId = id;
        return b.build();
    }

    /** The {@code DATA_TYPE: transfer} document. */
    ObjectNode toJson() {
        ObjectNode doc = GlobusJson.mapper().createObjectNode();
        doc.put("DATA_TYPE", "transfer");
        doc.put("submission_id", submissionId);
        doc.put("source_endpoint", sourceEndpoint);
        doc.put("destination_endpoint", destinationEndpoint);
        putIf(doc, "label", label);
        if (syncLevel != null) {
            doc.put("sync_level", syncLevel.value());
        }
        doc.put("verify_checksum", verifyChecksum);
        putIf(doc, "preserve_timestamp", preserveTimestamp);
        putIf(doc, "encrypt_data", encryptData);
        putIf(doc, "skip_source_errors", skipSourceErrors);
        putIf(doc, "fail_on_quota_errors", failOnQuotaErrors);
        putIf(doc, "delete_destination_extra", deleteDestinationExtra);
        putIf(doc, "notify_on_succeeded", notifyOnSucceeded);
        putIf(doc, "notify_on_failed", notifyOnFailed);
        putIf(doc, "notify_on_inactive", notifyOnInactive);
        if (deadline != null) {
            doc.put("deadline", GlobusTimestamps.format(deadline));
        }
        putIf(doc, "source_local_user", sourceLocalUser);
        putIf(doc, "destination_local_user", destinationLocalUser);
        ArrayNode data = doc.putArray("DATA");
        for (TransferItem item : items) {
            ObjectNode i = data.addObject();
            i.put("DATA_TYPE", "transfer_item");
            i.put("source_path", item.sourcePath());
            i.put("destination_path", item.destinationPath());
            i.put("recursive", item.recursive());
            putIf(i, "external_checksum", item.externalChecksum());
            putIf(i, "checksum_algorithm", item.checksumAlgorithm());
        }
        return doc;
    }

    private static void putIf(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putIf(ObjectNode node, String key, Boolean value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private Builder toBuilder() {
        Builder b = new Builder(sourceEndpoint, destinationEndpoint);
        b.submissionId = submissionId;
        b.label = label;
        b.syncLevel = syncLevel;
        b.verifyChecksum = verifyChecksum;
        b.preserveTimestamp = preserveTimestamp;
        b.encryptData = encryptData;
        b.skipSourceErrors = skipSourceErrors;
        b.failOnQuotaErrors = failOnQuotaErrors;
        b.deleteDestinationExtra = deleteDestinationExtra;
        b.notifyOnSucceeded = notifyOnSucceeded;
        b.notifyOnFailed = notifyOnFailed;
        b.notifyOnInactive = notifyOnInactive;
        b.deadline = deadline;
        b.sourceLocalUser = sourceLocalUser;
        b.destinationLocalUser = destinationLocalUser;
        b.items.addAll(items);
        return b;
    }

    /** Builder for {@link TransferRequest}. */
    public static final class Builder {
        private String submissionId;
        private final String sourceEndpoint;
        private final String destinationEndpoint;
        private String label;
        private SyncLevel syncLevel;
        private boolean verifyChecksum = true;
        private Boolean preserveTimestamp;
        private Boolean encryptData;
        private Boolean skipSourceErrors;
        private Boolean failOnQuotaErrors;
        private Boolean deleteDestinationExtra;
        private Boolean notifyOnSucceeded;
        private Boolean notifyOnFailed;
        private Boolean notifyOnInactive;
        private OffsetDateTime deadline;
        private String sourceLocalUser;
        private String destinationLocalUser;
        private final List<TransferItem> items = new ArrayList<>();

        private Builder(String sourceEndpoint, String destinationEndpoint) {
            this.sourceEndpoint = sourceEndpoint;
            this.destinationEndpoint = destinationEndpoint;
        }

        public Builder submissionId(String id) {
            this.submissionId = id;
            return this;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder syncLevel(SyncLevel level) {
            this.syncLevel = level;
            return this;
        }

        public Builder verifyChecksum(boolean verify) {
            this.verifyChecksum = verify;
            return this;
        }

        public Builder preserveTimestamp(boolean v) {
            this.preserveTimestamp = v;
            return this;
        }

        public Builder encryptData(boolean v) {
            this.encryptData = v;
            return this;
        }

        public Builder skipSourceErrors(boolean v) {
            this.skipSourceErrors = v;
            return this;
        }

        public Builder failOnQuotaErrors(boolean v) {
            this.failOnQuotaErrors = v;
            return this;
        }

        public Builder deleteDestinationExtra(boolean v) {
            this.deleteDestinationExtra = v;
            return this;
        }

        /** Sets all three notification flags. */
        public Builder notify(boolean onSucceeded, boolean onFailed, boolean onInactive) {
            this.notifyOnSucceeded = onSucceeded;
            this.notifyOnFailed = onFailed;
            this.notifyOnInactive = onInactive;
            return this;
        }

        public Builder deadline(OffsetDateTime deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder localUsers(String source, String destination) {
            this.sourceLocalUser = source;
            this.destinationLocalUser = destination;
            return this;
        }

        public Builder item(TransferItem item) {
            items.add(Objects.requireNonNull(item));
            return this;
        }

        public Builder addFile(String sourcePath, String destinationPath) {
            return item(TransferItem.file(sourcePath, destinationPath));
        }

        public Builder addDirectory(String sourcePath, String destinationPath) {
            return item(TransferItem.directory(sourcePath, destinationPath));
        }

        public Builder items(List<TransferItem> more) {
            more.forEach(this::item);
            return this;
        }

        public TransferRequest build() {
            return new TransferRequest(this);
        }
    }
}
