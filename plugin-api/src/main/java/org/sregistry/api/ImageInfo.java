package org.sregistry.api;

import java.time.Instant;
import java.util.Map;

/**
 * One image in the registry.
 *
 * @param name      its name ({@code collection/name:tag}) and version
 * @param size      bytes
 * @param createdAt when this name first pointed at an image
 * @param updatedAt when this name last changed
 * @param fileInfo  facts read from the file (e.g. SIF header: {@code sif.arch}, {@code sif.created}); may be empty
 * @param metadata  metadata attached when added (e.g. by plugins: {@code globus.task_id})
 */
public record ImageInfo(
        ImageName name,
        long size,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> fileInfo,
        Map<String, String> metadata) {

    /** The full URI {@code collection/name:tag@sha256:...}. */
    public String uri() {
        return name.toString();
    }

    /** The content digest {@code sha256:<hex>}. */
    public String version() {
        return name.version();
    }
}
