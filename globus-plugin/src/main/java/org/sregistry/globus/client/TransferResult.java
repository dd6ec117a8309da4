package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Answer to a submit ({@code transfer_result}): {@code code} is {@code Accepted} or, for a reused submission id,
 * {@code Duplicate} with the original {@code task_id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferResult(@JsonProperty("DATA_TYPE") String dataType, String code, String message,
                             String requestId, String resource, String submissionId, String taskId) {

    /** The submission id was seen before; {@link #taskId()} is the original task. */
    @JsonIgnore
    public boolean isDuplicate() {
        return "Duplicate".equals(code);
    }
}
