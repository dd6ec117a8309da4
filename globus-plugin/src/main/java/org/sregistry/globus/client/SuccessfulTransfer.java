package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One copied file of a task; a path is null where the caller lacks rights on that side. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SuccessfulTransfer(@JsonProperty("DATA_TYPE") String dataType, String sourcePath,
                                 String destinationPath, Long size, String checksum, String checksumAlgorithm) {
}
