package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * An access rule on a guest collection ({@code DATA_TYPE: access}, globus-sharing-oidc.md §1). Every field is
 * nullable. {@code id} is a UUID, an int in one old fixture (read as its text), and null for the implicit
 * {@code rw} on {@code /} of administrator and access-manager roles, which come with {@code role_id} and
 * {@code role_type} instead and cannot be changed through these calls.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccessRule(
        @JsonProperty("DATA_TYPE") String dataType,
        String id,
        String principalType,
        String principal,
        String path,
        String permissions,
        String notifyEmail,
        String notifyMessage,
        @GlobusTimestamp OffsetDateTime expirationDate,
        @GlobusTimestamp OffsetDateTime createTime,
        String roleId,
        String roleType) {

    /** An implicit role entry (or any entry without an id): not a rule one may delete. */
    @JsonIgnore
    public boolean isRoleEntry() {
        return roleId != null || id == null || id.isBlank();
    }
}
