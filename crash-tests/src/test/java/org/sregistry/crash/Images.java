package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image list of a running registry, by name ({@code collection/name:tag}). */
record Images(Map<String, JsonNode> byName) {

    static Images of(List<JsonNode> items) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode item : items) {
            m.put(nameOf(item), item);
        }
        return new Images(m);
    }

    static String nameOf(JsonNode image) {
        return image.path("collection").asText() + "/" + image.path("name").asText() + ":" + image.path("tag").asText();
    }

    static String versionOf(JsonNode image) {
        return image.path("version").asText();
    }

    static String sourcePathOf(JsonNode image) {
        JsonNode v = image.path("metadata").path("globus.source_path");
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    JsonNode get(String name) {
        return byName.get(name);
    }
}
