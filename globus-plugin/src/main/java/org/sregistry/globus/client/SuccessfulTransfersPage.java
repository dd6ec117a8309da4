package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** One page of {@code successful_transfers}; ask again with {@code marker=next_marker} until it is null. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SuccessfulTransfersPage(@JsonProperty("DATA_TYPE") String dataType, Long marker, Long nextMarker,
                                      @JsonProperty("DATA") List<SuccessfulTransfer> data) {

    public SuccessfulTransfersPage {
        data = data == null ? List.of() : data;
    }
}
