package org.sregistry.host.web.pages;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.config.ConfigException;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginInstaller;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.registry.api.RefusedBodies;

/**
 * {@code /api/plugins} (administrators, HTTP Basic or an API token): list the plugins (the plugins folder is read
 * again first), install or upgrade one from its jar ({@code PUT /api/plugins/{id}} with the jar as body, optionally
 * {@code ?enabled=true}), switch one on or off ({@code PUT} with {@code {"enabled": true|false}}), remove one
 * ({@code DELETE}). Mistakes are 4xx JSON naming the problem.
 */
@Path("/api/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsApiResource {
    /** A toggle is a few bytes; more is not read. */
    private static final int MAX_TOGGLE_BYTES = 4096;
    private static final ObjectMapper TOGGLES = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final PluginHost plugins;
    private final LayeredConfig config;
    private final PluginInstaller installer;
    private final Audit audit;

    public PluginsApiResource(PluginHost plugins, LayeredConfig config, PluginInstaller installer, Audit audit) {
        this.plugins = plugins;
        this.config = config;
        this.installer = installer;
        this.audit = audit;
    }

    /** One plugin as JSON; {@code jar} is the file's name, {@code dev} true when it comes from the source tree. */
    public record PluginJson(String id, String version, String state, boolean enabled, String error, String jar,
                             boolean dev) {
    }

    /** The body of a toggle. */
    public record Toggle(Boolean enabled) {
    }

    @GET
    public List<PluginJson> list() {
        plugins.rescan();
        return plugins.plugins().stream().map(this::json).toList();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        plugins.rescan();
        return plugins.plugin(id).map(p -> Response.ok(json(p)).build()).orElseGet(() -> notFound(id));
    }

    /**
     * {@code {"enabled": …}} as JSON switches the plugin on or off; any other body (any type, or none, as
     * {@code curl -T} sends) is a jar to install or upgrade from. One method: JAX-RS refuses a body without a
     * {@code Content-Type} when two methods share the path.
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("id") String id, @QueryParam("enabled") String enabled,
                        @HeaderParam("Content-Type") String type, InputStream body) throws IOException {
        if (type != null && MediaType.valueOf(type).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return toggle(id, TOGGLES.readValue(body.readNBytes(MAX_TOGGLE_BYTES), Toggle.class));
        }
        return install(id, enabled, body);
    }

    private Response install(String id, String enabled, InputStream body) throws IOException {
        Boolean wanted = enabled == null ? null : parseBoolean(enabled);
        String problem = enabled != null && wanted == null ? "enabled must be true or false, not '" + enabled + "'"
                : wanted == null ? null : fixedElsewhere(id, wanted);
        if (problem != null) {
            // read the jar first: a client still sending when the answer comes would see a reset, not the answer
            RefusedBodies.drain(body, PluginInstaller.MAX_JAR_BYTES);
            return wanted == null ? error(400, "bad_parameter", problem) : error(409, "fixed_elsewhere", problem);
        }
        PluginInstaller.Installed installed;
        try {
            installed = installer.install(id, body);
        } catch (PluginInstaller.Refused refused) {
            audit.record("plugin.install", id, Audit.Outcome.FAILED, Map.of("reason", refused.getMessage()));
            return error(refused.status(), refused.code(), refused.getMessage());
        }
        if (wanted != null) {
            plugins.setEnabled(id, wanted);
        }
        PluginRecord now = plugins.plugin(id).orElse(installed.plugin());
        audit.record(installed.created() ? "plugin.install" : "plugin.upgrade", id, Audit.Outcome.OK,
                Map.of("version", now.version(), "state", now.state().label()));
        Response.ResponseBuilder answer = installed.created()
                ? Response.created(URI.create("/api/plugins/" + id)) : Response.ok();
        return answer.entity(json(now)).build();
    }

    private Response toggle(String id, Toggle toggle) {
        if (toggle == null || toggle.enabled() == null) {
            return error(400, "bad_request", "expected {\"enabled\": true} or {\"enabled\": false}");
        }
        if (plugins.plugin(id).isEmpty()) {
            return notFound(id);
        }
        String action = toggle.enabled() ? "plugin.enable" : "plugin.disable";
        try {
            plugins.setEnabled(id, toggle.enabled());
        } catch (ConfigException e) {
            audit.record(action, id, Audit.Outcome.FAILED, Map.of("reason", e.getMessage()));
            return error(409, "fixed_elsewhere", e.getMessage());
        }
        PluginRecord now = plugins.plugin(id).orElseThrow();
        audit.record(action, id, now.error() == null ? Audit.Outcome.OK : Audit.Outcome.FAILED,
                Map.of("state", now.state().label()));
        return Response.ok(json(now)).build();
    }

    /** Removes the plugin's jar from the plugins folder and unloads it; its enable flag stays for a re-install. */
    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) throws IOException {
        try {
            installer.remove(id);
        } catch (PluginInstaller.Refused refused) {
            return error(refused.status(), refused.code(), refused.getMessage());
        }
        audit.record("plugin.remove", id, Audit.Outcome.OK, Map.of());
        return Response.noContent().build();
    }

    private PluginJson json(PluginRecord p) {
        return new PluginJson(p.id(), p.version(), p.state().label(), config.isTrue(p.enabledKey()), p.error(),
                p.jar() == null ? null : p.jar().getFileName().toString(), p.dev());
    }

    /** Why the enable flag cannot be set to {@code wanted} from here, or null. */
    private String fixedElsewhere(String id, boolean wanted) {
        var value = config.resolve(org.sregistry.host.plugins.PluginKeys.enabledKey(id));
        if (value.isSet() && value.source().fixedAboveFile() && config.isTrue(value.key()) != wanted) {
            return value.key() + " is set by the " + value.source().label() + "; change it there";
        }
        return null;
    }

    private static Boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Response notFound(String id) {
        return error(404, "not_found", "no plugin with id " + id);
    }

    private static Response error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
