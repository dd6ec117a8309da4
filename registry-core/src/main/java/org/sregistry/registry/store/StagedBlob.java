package org.sregistry.registry.store;

import java.nio.file.Path;

/**
 * Bytes written and fsynced to a temp file next to the blobs, hashed, not yet visible.
 *
 * @param tempFile where the bytes are until {@link BlobStore#place} moves them
 * @param digest   {@code sha256:<hex>}
 * @param size     bytes
 */
public record StagedBlob(Path tempFile, String digest, long size) {
}
