package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * A task document ({@code DATA_TYPE: task}). {@code status} is ACTIVE, INACTIVE (stalled, not terminal),
 * SUCCEEDED or FAILED; {@code nice_status} explains a stall while active. All fields nullable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Task(
        @JsonProperty("DATA_TYPE") String dataType,
        String taskId,
        String type,
        String status,
        String label,
        String ownerId,
        @GlobusTimestamp OffsetDateTime requestTime,
        @GlobusTimestamp OffsetDateTime completionTime,
        @GlobusTimestamp OffsetDateTime deadline,
        String sourceEndpointId,
        String destinationEndpointId,
        String sourceEndpointDisplayName,
        String destinationEndpointDisplayName,
        Integer syncLevel,
        Boolean verifyChecksum,
        Boolean preserveTimestamp,
        Boolean encryptData,
        Boolean deleteDestinationExtra,
        Long files,
        Long directories,
        Long symlinks,
        Long filesTransferred,
        Long filesSkipped,
        Long bytesTransferred,
        Long bytesChecksummed,
        Long effectiveBytesPerSecond,
        Long faults,
        Long subtasksTotal,
        Long subtasksPending,
        Long subtasksRetrying,
        Long subtasksSucceeded,
        Long subtasksFailed,
        Long subtasksCanceled,
        Long subtasksExpired,
        Long subtasksSkippedErrors,
        String niceStatus,
        String niceStatusShortDescription,
        Long niceStatusExpiresIn,
        Boolean isOk,
        Boolean isPaused,
        JsonNode fatalError,
        String canceledByAdmin,
        String canceledByAdminMessage,
        Boolean historyDeleted,
        String command) {

    /** SUCCEEDED or FAILED (INACTIVE is not terminal). */
    @JsonIgnore
    public boolean isFinished() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    @JsonIgnore
    public boolean isSucceeded() {
        return "SUCCEEDED".equals(status);
    }

    @JsonIgnore
    public boolean isFailed() {
        return "FAILED".equals(status);
    }

    /** Why a task failed or stalls: {@code fatal_error.description}, else {@code nice_status}, else null. */
    @JsonIgnore
    public String problem() {
        if (fatalError != null && !fatalError.isNull()) {
            JsonNode d = fatalError.get("description");
            if (d != null && !d.isNull()) {
                return d.asText();
            }
            JsonNode c = fatalError.get("code");
            if (c != null && !c.isNull()) {
                return c.asText();
            }
        }
        return niceStatus == null || "OK".equals(niceStatus) || "Queued".equals(niceStatus) ? null : niceStatus;
    }
}
