package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parts of a Globus task document the task's page shows beside the progress (all nullable: Globus leaves many
 * of them null, e.g. {@code is_ok} and {@code nice_status_short_description} once a task has finished).
 *
 * @param shortDescription  {@code nice_status_short_description}
 * @param isOk              {@code is_ok}: false while Globus retries faults, null when finished
 * @param subtasksTotal     {@code subtasks_total}
 * @param subtasksSucceeded {@code subtasks_succeeded}
 * @param subtasksFailed    {@code subtasks_failed}
 * @param subtasksPending   {@code subtasks_pending} (plus {@code subtasks_retrying})
 * @param subtasksSkipped   {@code subtasks_skipped_errors}
 * @param subtasksCanceled  {@code subtasks_canceled} (plus {@code subtasks_expired})
 * @param filesSkipped      {@code files_skipped} (by the sync level)
 * @param bytesPerSecond    {@code effective_bytes_per_second}
 * @param verifyChecksum    {@code verify_checksum} as Globus echoes the submit option
 * @param fatalCode         {@code fatal_error.code} ({@code CANCELED} for a canceled task), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskDetails(
        @JsonProperty("short_description") String shortDescription,
        @JsonProperty("is_ok") Boolean isOk,
        @JsonProperty("subtasks_total") Long subtasksTotal,
        @JsonProperty("subtasks_succeeded") Long subtasksSucceeded,
        @JsonProperty("subtasks_failed") Long subtasksFailed,
        @JsonProperty("subtasks_pending") Long subtasksPending,
        @JsonProperty("subtasks_skipped") Long subtasksSkipped,
        @JsonProperty("subtasks_canceled") Long subtasksCanceled,
        @JsonProperty("files_skipped") Long filesSkipped,
        @JsonProperty("bytes_per_second") Long bytesPerSecond,
        @JsonProperty("verify_checksum") Boolean verifyChecksum,
        @JsonProperty("fatal_code") String fatalCode) {
}
