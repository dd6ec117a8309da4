package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** One page of {@code GET /task_list}: {@code offset}, {@code limit}, {@code length}, {@code total}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskPage(@JsonProperty("DATA_TYPE") String dataType, Integer length, Integer limit, Integer offset,
                       Integer total, @JsonProperty("DATA") List<Task> data) {

    public TaskPage {
        data = data == null ? List.of() : data;
    }
}
