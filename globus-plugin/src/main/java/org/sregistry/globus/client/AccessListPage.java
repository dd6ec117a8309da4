package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * One page of {@code GET endpoint/{id}/access_list} ({@code DATA_TYPE: access_list}). The fact sheet shows only
 * {@code length} and {@code endpoint}; {@code offset}, {@code limit} and {@code total} are read when present.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccessListPage(@JsonProperty("DATA_TYPE") String dataType, String endpoint, Integer length,
                             Integer offset, Integer limit, Integer total,
                             @JsonProperty("DATA") List<AccessRule> data) {

    public AccessListPage {
        data = data == null ? List.of() : data;
    }

    /**
     * Whether this page, asked for at {@code requestedOffset} with {@code requestedLimit}, is the last: it is empty,
     * it reaches {@code total}, or (without {@code total}) it is shorter than asked. A page longer than asked means
     * Globus ignored the limit and sent everything.
     */
    @JsonIgnore
    public boolean isLast(int requestedOffset, int requestedLimit) {
        if (data.isEmpty() || data.size() > requestedLimit) {
            return true;
        }
        if (total != null) {
            return requestedOffset + data.size() >= total;
        }
        return data.size() < requestedLimit;
    }
}
