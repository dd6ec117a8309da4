package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** One page of {@code GET /endpoint_search} ({@code DATA_TYPE: endpoint_list}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointPage(@JsonProperty("DATA_TYPE") String dataType, Integer offset, Integer limit,
                           Boolean hasNextPage, @JsonProperty("DATA") List<Endpoint> data) {

    public EndpointPage {
        data = data == null ? List.of() : data;
    }
}
