package org.sregistry.testplugins.sample;

import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.ConfigChangeListener;
import org.sregistry.api.PluginContext;

/**
 * Counts, per key, the option changes the host announces (read back on {@code /api/sample/counters}); throws after
 * counting when the greeting became {@code explode}, to show that the change stays saved.
 */
@Extension
public class SampleConfigChanges implements ConfigChangeListener {
    private final PluginContext context;

    public SampleConfigChanges(PluginContext context) {
        this.context = context;
    }

    @Override
    public void configChanged(Set<String> keys) {
        for (String key : keys) {
            context.store().increment(SampleCounters.CHANGES, key, 1);
        }
        if (keys.contains("PLUGIN_SAMPLE_GREETING") && "explode".equals(context.config().get("PLUGIN_SAMPLE_GREETING"))) {
            throw new IllegalStateException("sample listener exploded");
        }
    }
}
