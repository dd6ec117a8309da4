package org.sregistry.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.sregistry.api.ImagePage;

/** A page of images as the API shows it: {@code {"items": [...], "total", "limit", "offset"}}. */
public record ImageListJson(
        @JsonProperty("items") List<ImageJson> items,
        @JsonProperty("total") long total,
        @JsonProperty("limit") int limit,
        @JsonProperty("offset") int offset) {

    /** The JSON view of {@code page}. */
    public static ImageListJson of(ImagePage page) {
        return new ImageListJson(page.items().stream().map(ImageJson::of).toList(),
                page.total(), page.limit(), page.offset());
    }
}
