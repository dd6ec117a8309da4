package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** One page of {@code event_list}: {@code offset}, {@code limit}, {@code total}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventPage(@JsonProperty("DATA_TYPE") String dataType, Integer offset, Integer limit, Integer total,
                        @JsonProperty("DATA") List<TaskEvent> data) {

    public EventPage {
        data = data == null ? List.of() : data;
    }
}
