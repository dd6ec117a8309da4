package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A Transfer endpoint or collection document ({@code DATA_TYPE: endpoint}); every field nullable. GCSv4 activation
 * leftovers ({@code activated}, {@code expires_in}, {@code expire_time}) are kept for display only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Endpoint(
        @JsonProperty("DATA_TYPE") String dataType,
        String id,
        String displayName,
        String canonicalName,
        String ownerId,
        String ownerString,
        String username,
        String contactEmail,
        String contactInfo,
        String infoLink,
        String organization,
        String department,
        String description,
        String keywords,
        String entityType,
        Boolean isGlobusConnect,
        Boolean gcpConnected,
        Boolean gcpPaused,
        @JsonProperty("public") Boolean isPublic,
        String defaultDirectory,
        Boolean nonFunctional,
        String nonFunctionalEndpointId,
        Boolean activated,
        Long expiresIn,
        @GlobusTimestamp OffsetDateTime expireTime,
        String hostEndpointId,
        String hostPath,
        String mappedCollectionId,
        Boolean highAssurance,
        Integer authenticationTimeoutMins,
        Boolean mfaRequired,
        Boolean forceEncryption,
        Boolean forceVerify,
        String gcsVersion,
        String httpsServer,
        String subscriptionId,
        List<String> myEffectiveRoles) {

    /** {@code display_name}, else {@code canonical_name}, else the id. */
    @JsonIgnore
    public String name() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return canonicalName != null && !canonicalName.isBlank() ? canonicalName : id;
    }
}
