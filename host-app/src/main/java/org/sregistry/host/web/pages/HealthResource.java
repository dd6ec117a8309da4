package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.host.web.Assets;

/** {@code /health}: public, for load balancers and monitoring; 503 when the database is down. */
@Path("/health")
public final class HealthResource {
    private final PluginHost plugins;
    private final BooleanSupplier databaseUp;

    public HealthResource(PluginHost plugins, BooleanSupplier databaseUp) {
        this.plugins = plugins;
        this.databaseUp = databaseUp;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean db = databaseUp.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db ? "UP" : "DOWN");
        body.put("version", Assets.version());
        body.put("database", db ? "UP" : "DOWN");
        Map<String, String> states = new LinkedHashMap<>();
        for (PluginRecord plugin : plugins.plugins()) {
            states.put(plugin.id(), plugin.state().label());
        }
        body.put("plugins", states);
        return Response.status(db ? 200 : 503).entity(body).build();
    }
}
