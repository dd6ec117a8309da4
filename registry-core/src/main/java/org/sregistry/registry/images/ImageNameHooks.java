package org.sregistry.registry.images;

import org.jdbi.v3.core.Handle;
import org.sregistry.api.ImageName;

/**
 * Keeps records that hang off image names in step with them, inside the transaction that changes
 * the name: the OCI layer uses it so that an image replaced or removed through the REST API, the
 * CLI or a plugin is replaced or removed for {@code /v2/} clients too.
 *
 * <p>Example: {@code new JdbcRegistryService(db, dataDir, clock, max, policy, new SifManifests())}.
 */
public interface ImageNameHooks {
    /** Hooks that do nothing. */
    ImageNameHooks NONE = new ImageNameHooks() {
        @Override
        public void pointed(Handle h, long imageId, ImageName name, String digest) {
        }

        @Override
        public void removing(Handle h, long imageId, ImageName name) {
        }
    };

    /** {@code name} (row {@code imageId}) now points at {@code digest}: it was added or replaced. */
    void pointed(Handle h, long imageId, ImageName name, String digest);

    /** The row of {@code name} is about to be deleted. */
    void removing(Handle h, long imageId, ImageName name);
}
