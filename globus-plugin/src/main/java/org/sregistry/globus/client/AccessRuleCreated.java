package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Answer to {@code POST endpoint/{id}/access}: {@code access_create_result} with {@code code: Created} and the new
 * rule's {@code access_id} (UUID, or an int read as its text). The JS SDK types the reply as an access document
 * instead, so an {@code id} is accepted where {@code access_id} is missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccessRuleCreated(@JsonProperty("DATA_TYPE") String dataType, String code, String message,
                                String accessId, String id, String requestId, String resource) {

    /** The new rule's id ({@code access_id}, else {@code id}), or null when the answer holds neither. */
    @JsonIgnore
    public String ruleId() {
        if (accessId != null && !accessId.isBlank()) {
            return accessId;
        }
        return id == null || id.isBlank() ? null : id;
    }
}
