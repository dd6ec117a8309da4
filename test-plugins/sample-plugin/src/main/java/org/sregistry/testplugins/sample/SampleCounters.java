package org.sregistry.testplugins.sample;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.PluginContext;
import org.sregistry.api.PluginStore;
import org.sregistry.api.ResourceContributor;

/**
 * {@code /api/sample/counters}: visits counted with the store's atomic {@code increment} and on /metrics
 * ({@code sample_visits_total{plugin="sample"}}), and the option changes {@link SampleConfigChanges} heard of.
 */
@Extension
public class SampleCounters implements ResourceContributor {
    static final String KIND = "counters";
    static final String VISITS = "visits";
    static final String CHANGES = "changes";

    private final PluginContext context;

    public SampleCounters(PluginContext context) {
        this.context = context;
    }

    @Override
    public Set<Object> resources() {
        return Set.of(new Api(context));
    }

    /** The JSON. */
    @Path("api/sample/counters")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Api {
        private final PluginContext context;

        public Api(PluginContext context) {
            this.context = context;
        }

        /** The visits so far, and each option key with how often it changed. */
        @GET
        public Map<String, Object> counters() {
            Map<String, Object> changes = new LinkedHashMap<>();
            for (PluginStore.StoredRecord record : context.store().list(CHANGES, 100, 0)) {
                changes.put(record.key(), Long.parseLong(record.value()));
            }
            return Map.of(VISITS, Long.parseLong(context.store().get(KIND, VISITS).orElse("0")), CHANGES, changes,
                    "serviceRoot", context.config().get("PLUGIN_SAMPLE_SERVICE_ROOT"));
        }

        /** Counts one visit; answers the new count. */
        @POST
        @Path("visits")
        public Map<String, Object> visit() {
            context.metrics().counter(VISITS).increment();
            return Map.of(VISITS, context.store().increment(KIND, VISITS, 1));
        }
    }
}
