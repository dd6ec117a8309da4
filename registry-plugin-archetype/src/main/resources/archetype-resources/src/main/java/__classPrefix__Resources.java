package ${package};

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.Html;
import org.sregistry.api.PluginContext;
import org.sregistry.api.ResourceContributor;

/**
 * A page at /${pluginId} and JSON at /api/${pluginId}/status (the host refuses paths outside these two namespaces).
 * Both are for administrators until the plugin opens some with a UserRoutes extension.
 */
@Extension
public class ${classPrefix}Resources implements ResourceContributor {
    private final PluginContext context;

    public ${classPrefix}Resources(PluginContext context) {
        this.context = context;
    }

    @Override
    public Set<Object> resources() {
        return Set.of(new Page(context), new Api(context));
    }

    /** The page, inside the host's layout (navigation, CSS, CSRF token). */
    @Path("${pluginId}")
    public static class Page {
        private final PluginContext context;

        public Page(PluginContext context) {
            this.context = context;
        }

        @GET
        @Produces(MediaType.TEXT_HTML)
        public String page() {
            String greeting = context.config().get(${classPrefix}Options.GREETING);
            return context.pages().render("${classPrefix}",
                    "<p id=\"${pluginId}-greeting\" class=\"${pluginId}-greeting\">" + Html.escape(greeting) + "</p>"
                            + "<p id=\"${pluginId}-runs\">Task runs: " + ${classPrefix}Task.runs(context.store()) + "</p>");
        }
    }

    /** The JSON API (Jackson on the host turns the map into JSON). */
    @Path("api/${pluginId}")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Api {
        private final PluginContext context;

        public Api(PluginContext context) {
            this.context = context;
        }

        @GET
        @Path("status")
        public Map<String, Object> status() {
            return Map.of("greeting", context.config().get(${classPrefix}Options.GREETING),
                    "runs", ${classPrefix}Task.runs(context.store()));
        }
    }
}
