package org.sregistry.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.sregistry.api.ImageInfo;

/**
 * An image as the API shows it. Field names are part of the API: keep them stable.
 * Times are ISO-8601 strings (UTC), independent of how the host configures Jackson.
 */
public record ImageJson(
        @JsonProperty("uri") String uri,
        @JsonProperty("collection") String collection,
        @JsonProperty("name") String name,
        @JsonProperty("tag") String tag,
        @JsonProperty("version") String version,
        @JsonProperty("size") long size,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("file_info") Map<String, String> fileInfo,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("download") String download) {

    /** The JSON view of {@code image}. */
    public static ImageJson of(ImageInfo image) {
        return new ImageJson(image.uri(), image.name().collection(), image.name().name(), image.name().tag(),
                image.version(), image.size(), image.createdAt().toString(), image.updatedAt().toString(),
                new TreeMap<>(image.fileInfo()), new TreeMap<>(image.metadata()),
                "/api/container/" + image.uri() + "/download");
    }
}
