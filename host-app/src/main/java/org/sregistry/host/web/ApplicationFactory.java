package org.sregistry.host.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;

/**
 * Builds the Jersey application from the host's resources and the started plugins' resources.
 * Called again whenever the started plugins change; the result goes to {@link JerseySwitch}.
 */
public final class ApplicationFactory {
    private final Supplier<List<Object>> hostResources;
    private final PluginHost plugins;
    private final java.nio.file.Path databaseFolder;

    /** @param databaseFolder the embedded database's folder (named on a full disk), or null */
    public ApplicationFactory(Supplier<List<Object>> hostResources, PluginHost plugins, java.nio.file.Path databaseFolder) {
        this.hostResources = hostResources;
        this.plugins = plugins;
        this.databaseFolder = databaseFolder;
    }

    /** A fresh application. */
    public ResourceConfig build() {
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        // Location: /login stays relative; resolved, it would name the address the proxy used, not the public one
        config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new MapperResolver(newMapper()));
        config.register(new ErrorMapper(databaseFolder));
        config.register(new org.sregistry.host.observability.RouteTemplateRecorder());
        hostResources.get().forEach(r -> register(config, r));
        for (PluginRecord plugin : plugins.started()) {
            plugin.contributions().resources().forEach(r -> register(config, r));
        }
        return config;
    }

    /** Classes register as classes (Jersey creates them), anything else as a ready instance. */
    private static void register(ResourceConfig config, Object resource) {
        if (resource instanceof Class<?> type) {
            config.register(type);
        } else {
            config.register(resource);
        }
    }

    /**
     * One mapper per application, with its own type cache: Jackson's shared TypeFactory cache
     * would otherwise pin plugin classes (and their class loader) after the plugin is unloaded.
     */
    static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setTypeFactory(TypeFactory.createDefaultInstance());
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** Hands our mapper to Jersey's Jackson provider. */
    private record MapperResolver(ObjectMapper mapper) implements ContextResolver<ObjectMapper> {
        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }
}
