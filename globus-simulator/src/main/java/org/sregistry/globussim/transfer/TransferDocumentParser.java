package org.sregistry.globussim.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Times;
import org.sregistry.globussim.store.TaskRecord;

/** Validates a {@code transfer} document (globus-api.md §3.7) into a new {@link TaskRecord}. */
final class TransferDocumentParser {
    private TransferDocumentParser() {}

    static TaskRecord parse(JsonNode body) {
        String dataType = body.path("DATA_TYPE").asText("transfer");
        if (!"transfer".equals(dataType)) throw ApiError.badRequest("DATA_TYPE must be 'transfer', not '" + dataType + "'");
        TaskRecord t = new TaskRecord();
        t.submissionId = requiredText(body, "submission_id");
        if (!Ids.isUuid(t.submissionId)) throw ApiError.badRequest("Invalid submission_id '" + t.submissionId + "'");
        t.sourceEndpointId = requiredText(body, "source_endpoint");
        t.destinationEndpointId = requiredText(body, "destination_endpoint");
        JsonNode label = body.get("label");
        t.label = label == null || label.isNull() ? null : label.asText();
        JsonNode deadline = body.get("deadline");
        if (deadline != null && !deadline.isNull()) t.deadline = Times.parse(deadline.asText());
        t.syncLevel = syncLevel(body.get("sync_level"));
        t.verifyChecksum = bool(body, "verify_checksum", false);
        t.preserveTimestamp = bool(body, "preserve_timestamp", false);
        t.encryptData = bool(body, "encrypt_data", false);
        t.skipSourceErrors = bool(body, "skip_source_errors", false);
        t.failOnQuotaErrors = bool(body, "fail_on_quota_errors", false);
        t.deleteDestinationExtra = bool(body, "delete_destination_extra", false);
        t.notifyOnSucceeded = bool(body, "notify_on_succeeded", true);
        t.notifyOnFailed = bool(body, "notify_on_failed", true);
        t.notifyOnInactive = bool(body, "notify_on_inactive", true);
        JsonNode rules = body.get("filter_rules");
        if (rules != null && rules.isArray()) {
            for (JsonNode r : rules) {
                TaskRecord.FilterRule rule = new TaskRecord.FilterRule();
                rule.method = r.path("method").asText("include");
                rule.name = r.path("name").asText("*");
                rule.type = r.hasNonNull("type") ? r.get("type").asText() : null;
                if (!rule.method.equals("include") && !rule.method.equals("exclude")) {
                    throw ApiError.badRequest("filter_rule method must be 'include' or 'exclude'");
                }
                t.filterRules.add(rule);
            }
        }
        JsonNode data = body.get("DATA");
        if (data == null || data.isNull() || (data.isArray() && data.isEmpty())) {
            throw new ApiError(400, "ClientError.BadRequest.NoTransferItems", "A transfer requires at least one item");
        }
        if (!data.isArray()) throw ApiError.badRequest("DATA must be a list of transfer_item documents");
        for (JsonNode item : data) {
            if (!item.isObject()) throw ApiError.badRequest("Each DATA entry must be a transfer_item document");
            String itemType = item.path("DATA_TYPE").asText("transfer_item");
            if (!"transfer_item".equals(itemType)) {
                throw ApiError.badRequest("DATA entries must have DATA_TYPE 'transfer_item', not '" + itemType + "'");
            }
            TaskRecord.Item i = new TaskRecord.Item();
            i.sourcePath = requiredText(item, "source_path");
            i.destinationPath = requiredText(item, "destination_path");
            i.recursive = bool(item, "recursive", false);
            i.externalChecksum = item.hasNonNull("external_checksum") ? item.get("external_checksum").asText() : null;
            i.checksumAlgorithm = item.hasNonNull("checksum_algorithm") ? item.get("checksum_algorithm").asText() : null;
            t.items.add(i);
        }
        return t;
    }

    /** An int 0-3; the old string names are accepted too (tolerance). */
    private static Integer syncLevel(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isInt()) {
            int v = n.asInt();
            if (v < 0 || v > 3) throw ApiError.badRequest("sync_level must be between 0 and 3");
            return v;
        }
        if (n.isTextual()) {
            switch (n.asText()) {
                case "exists", "0": return 0;
                case "size", "1": return 1;
                case "mtime", "2": return 2;
                case "checksum", "3": return 3;
                default:
            }
        }
        throw ApiError.badRequest("Invalid sync_level " + n);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw ApiError.badRequest("Missing required field '" + field + "'");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isInt()) return v.asInt() != 0;
        if (v.isTextual()) return Boolean.parseBoolean(v.asText()) || "1".equals(v.asText());
        throw ApiError.badRequest("Field '" + field + "' must be a boolean");
    }
}
