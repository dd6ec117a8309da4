package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/** One {@code file} document from {@code ls} or {@code stat}; {@code link_*} are null unless a symlink. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileEntry(@JsonProperty("DATA_TYPE") String dataType, String name, String type, Long size,
                        @GlobusTimestamp OffsetDateTime lastModified, String permissions, String user,
                        String group, String linkTarget, Long linkSize, String linkUser, String linkGroup,
                        @GlobusTimestamp OffsetDateTime linkLastModified) {

    /** True for {@code type: dir} (also a valid link to a directory). */
    @JsonIgnore
    public boolean isDirectory() {
        return "dir".equals(type);
    }

    /** True for {@code type: file}. */
    @JsonIgnore
    public boolean isFile() {
        return "file".equals(type);
    }
}
