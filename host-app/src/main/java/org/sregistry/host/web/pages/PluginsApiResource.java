package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.plugins.PluginHost;

/** {@code GET /api/plugins}: every plugin with id, version, state, enabled, error. */
@Path("/api/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsApiResource {
    private final PluginHost plugins;
    private final LayeredConfig config;

    public PluginsApiResource(PluginHost plugins, LayeredConfig config) {
        this.plugins = plugins;
        this.config = config;
    }

    /** One plugin as JSON. */
    public record PluginJson(String id, String version, String state, boolean enabled, String error) {
    }

    @GET
    public List<PluginJson> list() {
        return plugins.plugins().stream()
                .map(p -> new PluginJson(p.id(), p.version(), p.state().label(), config.isTrue(p.enabledKey()),
                        p.error()))
                .toList();
    }
}
