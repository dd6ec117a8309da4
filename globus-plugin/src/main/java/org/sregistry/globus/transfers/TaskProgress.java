package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The last thing Globus said about a task, kept so the activity page renders without a Globus call.
 *
 * @param status            ACTIVE, INACTIVE, SUCCEEDED or FAILED
 * @param niceStatus        Globus's nice_status (why a task is stalled), or null
 * @param bytesTransferred  bytes moved so far
 * @param files             files in the task, when known
 * @param filesTransferred  files moved so far
 * @param faults            faults so far
 * @param completionTime    when it finished, or null
 * @param checkedAt         when we asked
 * @param details           what else the task document said (short status, is_ok, subtasks, rate, checksum
 *                          option, fatal error code), or null in records written before it was kept
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskProgress(
        @JsonProperty("status") String status,
        @JsonProperty("nice_status") String niceStatus,
        @JsonProperty("bytes_transferred") long bytesTransferred,
        @JsonProperty("files") long files,
        @JsonProperty("files_transferred") long filesTransferred,
        @JsonProperty("faults") long faults,
        @JsonProperty("completion_time") Instant completionTime,
        @JsonProperty("checked_at") Instant checkedAt,
        @JsonProperty("details") TaskDetails details) {

    /** True for SUCCEEDED and FAILED (INACTIVE is a stall, not an end). */
    public boolean finished() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    /** True when the task ended because it was canceled (Globus: FAILED with {@code fatal_error.code} CANCELED). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean canceled() {
        return "FAILED".equals(status) && details != null && "CANCELED".equals(details.fatalCode());
    }
}
