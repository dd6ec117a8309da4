package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * A directory listing ({@code DATA_TYPE: file_list}). {@code path} is the path Globus listed (the default directory
 * when none was given); {@code length}/{@code total} are the paging counts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileListing(@JsonProperty("DATA_TYPE") String dataType, String endpoint, String path,
                          String absolutePath, Boolean renameSupported, Boolean symlinkSupported, Integer length,
                          Integer total, Integer offset, Integer limit, @JsonProperty("DATA") List<FileEntry> data) {

    public FileListing {
        data = data == null ? List.of() : data;
    }

    /** The same listing holding other entries (used to merge pages). */
    public FileListing withData(List<FileEntry> entries) {
        return new FileListing(dataType, endpoint, path, absolutePath, renameSupported, symlinkSupported,
                entries.size(), total, 0, limit, entries);
    }
}
