package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Answer to creating a Globus Connect Personal endpoint ({@code DATA_TYPE: endpoint_create_result}): its id and
 * the one-time {@code globus_connect_setup_key} to run Globus Connect Personal with. {@link #toString()} hides the key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatedEndpoint(@JsonProperty("DATA_TYPE") String dataType, String code, String message,
                              String requestId, String resource, String id, String globusConnectSetupKey) {

    @Override
    public String toString() {
        return "CreatedEndpoint[id=" + id + ", code=" + code + ", setupKey=<redacted>]";
    }
}
