package org.sregistry.testplugins.sample;

import java.time.Duration;
import org.pf4j.Extension;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;

/** Counts its runs; throws when PLUGIN_SAMPLE_TASK_FAILS is true. */
@Extension
public class SampleTask implements ScheduledTask {
    private final SamplePlugin plugin;

    public SampleTask(SamplePlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String name() {
        return "sample-tick";
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(plugin.context().config().getInt("PLUGIN_SAMPLE_TICK_MS"));
    }

    @Override
    public Duration initialDelay() {
        return Duration.ofMillis(50);
    }

    @Override
    public void run(TaskContext context) {
        plugin.ticks().incrementAndGet();
        if (plugin.context().config().getBoolean("PLUGIN_SAMPLE_TASK_FAILS")) {
            throw new IllegalStateException("sample task exploded");
        }
    }
}
