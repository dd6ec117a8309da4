package org.sregistry.testplugins.sample;

import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.Plugin;
import org.sregistry.api.PluginContext;

/** A plugin with one of each extension, for the host's integration tests. */
public class SamplePlugin extends Plugin {
    private final PluginContext context;
    private final AtomicInteger ticks = new AtomicInteger();

    public SamplePlugin(PluginContext context) {
        this.context = context;
    }

    PluginContext context() {
        return context;
    }

    AtomicInteger ticks() {
        return ticks;
    }
}
