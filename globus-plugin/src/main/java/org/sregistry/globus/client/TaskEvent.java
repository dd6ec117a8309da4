package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/** One task event; {@code details} is a string that often holds JSON. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskEvent(@JsonProperty("DATA_TYPE") String dataType, String code, Boolean isError,
                        String description, String details, @GlobusTimestamp OffsetDateTime time) {
}
