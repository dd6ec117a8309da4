package org.sregistry.registry.api;

import java.util.List;
import org.sregistry.registry.images.JdbcRegistryService;

/**
 * What the host registers in its Jersey application for the images API: the resource instance and
 * the exception mappers (JSON errors). Jackson (JacksonFeature) must be registered by the host.
 */
public final class RegistryApi {
    private RegistryApi() {
    }

    /** The resource instances (no free-space floor). */
    public static List<Object> resources(JdbcRegistryService registry, long maxImageBytes) {
        return resources(registry, maxImageBytes, () -> 0, org.sregistry.registry.access.CollectionAccess.OPEN,
                ImageEvents.NONE);
    }

    /**
     * The resource instances, asking {@code access} before every read and write and telling
     * {@code events} of every push, pull and delete (the host's audit log).
     *
     * @param minFreeBytes free space an upload must leave in the images folder (read per request)
     */
    public static List<Object> resources(JdbcRegistryService registry, long maxImageBytes,
                                         java.util.function.LongSupplier minFreeBytes,
                                         org.sregistry.registry.access.CollectionAccess access, ImageEvents events) {
        return List.of(new ContainersResource(registry, maxImageBytes, minFreeBytes, access, events));
    }

    /**
     * The provider classes (exception mappers). Storage errors ({@code InsufficientStorageException},
     * {@code FolderNotWritableException}) are the host's to map: it answers them for plugins too.
     */
    public static List<Class<?>> providers() {
        return List.of(ApiExceptionMapper.class, InvalidImageNameMapper.class, ImageTooLargeMapper.class);
    }
}
