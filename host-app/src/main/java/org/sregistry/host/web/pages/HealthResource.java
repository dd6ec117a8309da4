package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.sregistry.host.observability.PluginHealth;
import org.sregistry.host.observability.StorageMonitor;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;

/**
 * {@code /health}: public, for load balancers and monitoring.
 *
 * <ul>
 *   <li>{@code UP} (200): database reachable, data folders writable with at least the minimum free space.</li>
 *   <li>{@code DEGRADED} (200): serving, but a data folder is below {@code REGISTRY_MIN_FREE_BYTES} or not
 *       writable; {@code reasons} says which folder and how much is free. Still 200 on purpose: downloads,
 *       pages and small writes still work, and a load balancer that took the node out would turn a
 *       filling disk into an outage. Monitoring should alert on the status field.</li>
 *   <li>{@code DOWN} (503): the database is not reachable.</li>
 * </ul>
 *
 * <p>{@code plugin_checks} has the started plugins' {@link org.sregistry.api.HealthCheck}s, by plugin id and check
 * name ({@code status} {@code UP} or {@code DOWN}, {@code message}). A check that is down makes the status
 * {@code DEGRADED} (never {@code DOWN}: a plugin's trouble does not take the registry out of a load balancer) and is
 * named in {@code reasons}; a check that throws or hangs is down, never an error of this resource.
 */
@Path("/health")
public final class HealthResource {
    private final PluginHost plugins;
    private final BooleanSupplier databaseUp;
    private final StorageMonitor storage;
    private final PluginHealth pluginHealth;

    public HealthResource(PluginHost plugins, BooleanSupplier databaseUp, StorageMonitor storage,
                          PluginHealth pluginHealth) {
        this.plugins = plugins;
        this.databaseUp = databaseUp;
        this.storage = storage;
        this.pluginHealth = pluginHealth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean db = databaseUp.getAsBoolean();
        List<String> reasons = new ArrayList<>();
        if (!db) {
            reasons.add("the database is not reachable");
        }
        List<Map<String, Object>> folders = new ArrayList<>();
        for (StorageMonitor.FolderState folder : storage.check()) {
            Map<String, Object> json = new LinkedHashMap<>();
            // public: folders by role, never their paths (507 answers and the log name those)
            json.put("role", folder.role());
            json.put("status", folder.status());
            json.put("free_bytes", folder.freeBytes());
            json.put("min_free_bytes", folder.minFreeBytes());
            json.put("writable", folder.writable());
            folders.add(json);
            folder.problem().ifPresent(reasons::add);
        }
        Map<String, Map<String, Object>> checks = new LinkedHashMap<>();
        for (PluginHealth.Outcome check : pluginHealth.check()) {
            checks.computeIfAbsent(check.pluginId(), id -> new LinkedHashMap<>())
                    .put(check.name(), Map.of("status", check.up() ? "UP" : "DOWN", "message", check.message()));
            if (!check.up()) {
                reasons.add("plugin " + check.pluginId() + ": " + check.name() + " is down: " + check.message());
            }
        }
        String status = !db ? "DOWN" : reasons.isEmpty() ? "UP" : "DEGRADED";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("database", db ? "UP" : "DOWN");
        body.put("storage", folders);
        body.put("reasons", reasons);
        Map<String, String> states = new LinkedHashMap<>();
        for (PluginRecord plugin : plugins.plugins()) {
            states.put(plugin.id(), plugin.state().label());
        }
        body.put("plugins", states);
        body.put("plugin_checks", checks);
        return Response.status(db ? 200 : 503).entity(body).build();
    }
}
