package org.sregistry.testkit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The fake's {@code metrics()}: meters in memory, named and tagged as the host names and tags a plugin's. */
final class ScopedMeters {
    private ScopedMeters() {
    }

    /** A registry whose meters get the prefix {@code <id>.} and the tag {@code plugin=<id>}, as on the host. */
    static MeterRegistry of(String pluginId) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String prefix = pluginId + ".";
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().startsWith(prefix) ? id.getName() : prefix + id.getName();
                return id.withName(name).replaceTags(Tags.of(id.getTagsAsIterable()).and("plugin", pluginId));
            }
        });
        return registry;
    }
}
