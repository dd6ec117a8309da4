package org.sregistry.registry.images;

/** A row of {@code images}: one name pointing at one blob. */
record ImageRow(long id, String collection, String name, String tag, String digest, long size,
                long createdAt, long updatedAt) {
}
