package org.sregistry.host.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugins' meter registries ({@code PluginContext.metrics()}): one per started plugin, feeding the host's
 * registry (so its meters are on {@code /metrics}), every meter named {@code <id>.…} and tagged
 * {@code plugin=<id>}. {@link #release} takes a stopped plugin's meters off the host registry: a gauge holds the
 * plugin's objects, and with them its class loader. The next {@link #of} after a release starts afresh.
 */
public final class PluginMeters {
    private final MeterRegistry host;
    private final Map<String, CompositeMeterRegistry> scoped = new ConcurrentHashMap<>();

    public PluginMeters(MeterRegistry host) {
        this.host = host;
    }

    /** The registry of {@code pluginId}'s running instance. */
    public MeterRegistry of(String pluginId) {
        return scoped.computeIfAbsent(pluginId, this::scope);
    }

    /** Removes the meters {@code pluginId} registered from the host registry (when it stops). */
    public void release(String pluginId) {
        CompositeMeterRegistry registry = scoped.remove(pluginId);
        if (registry == null) {
            return;
        }
        registry.remove(host); // an old instance that goes on counting no longer reaches the host
        for (Meter meter : registry.getMeters()) {
            host.remove(meter.getId());
        }
        registry.clear();
    }

    private CompositeMeterRegistry scope(String pluginId) {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.config().meterFilter(scopedTo(pluginId));
        registry.add(host);
        return registry;
    }

    /** Prefixes a meter's name with {@code <id>.} (unless it has it) and sets the tag {@code plugin=<id>}. */
    static MeterFilter scopedTo(String pluginId) {
        String prefix = pluginId + ".";
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().startsWith(prefix) ? id.getName() : prefix + id.getName();
                return id.withName(name).replaceTags(Tags.of(id.getTagsAsIterable()).and("plugin", pluginId));
            }
        };
    }
}
