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

    /** The resource instances. */
    public static List<Object> resources(JdbcRegistryService registry, long maxImageBytes) {
        return List.of(new ContainersResource(registry, maxImageBytes));
    }

    /** The provider classes (exception mappers). */
    public static List<Class<?>> providers() {
        return List.of(ApiExceptionMapper.class, InvalidImageNameMapper.class, ImageTooLargeMapper.class);
    }
}
