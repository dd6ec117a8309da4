package org.sregistry.testplugins.sample;

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

/** A page under /sample and JSON under /api/sample. */
@Extension
public class SampleResources implements ResourceContributor {
    private final SamplePlugin plugin;

    public SampleResources(SamplePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Set<Object> resources() {
        return Set.of(new Page(plugin.context()), new Api(plugin));
    }

    /** The page. */
    @Path("sample")
    public static class Page {
        private final PluginContext context;

        public Page(PluginContext context) {
            this.context = context;
        }

        @GET
        @Produces(MediaType.TEXT_HTML)
        public String page() {
            return context.pages().render("Sample",
                    "<p id=\"greeting\">" + Html.escape(context.config().get("PLUGIN_SAMPLE_GREETING")) + "</p>");
        }
    }

    /** The JSON API. */
    @Path("api/sample")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Api {
        private final SamplePlugin plugin;

        public Api(SamplePlugin plugin) {
            this.plugin = plugin;
        }

        @GET
        @Path("hello")
        public Map<String, Object> hello() {
            return Map.of("plugin", "sample", "greeting", plugin.context().config().get("PLUGIN_SAMPLE_GREETING"),
                    "contextLoaderIsPlugin", Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
        }

        @GET
        @Path("ticks")
        public Map<String, Object> ticks() {
            return Map.of("ticks", plugin.ticks().get());
        }

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("sample resource exploded");
        }

        @GET
        @Path("store")
        public Map<String, Object> store() {
            boolean first = plugin.context().store().insertIfAbsent("visits", "first", "yes");
            return Map.of("inserted", first);
        }
    }
}
