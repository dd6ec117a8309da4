package ${package};

import java.time.Duration;
import org.pf4j.Extension;
import org.sregistry.api.PluginStore;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;

/**
 * Counts its runs in the plugin store. The host runs it while the plugin is enabled, at a fixed delay after the
 * previous run ended (never two at once); an exception is logged and counted on /settings and the task keeps its
 * schedule. The counter is the store's atomic {@code increment}, so several registry processes on one database never
 * lose a count.
 */
@Extension
public class ${classPrefix}Task implements ScheduledTask {
    static final String KIND = "stats";
    static final String RUNS = "runs";

    private final ${classPrefix}Plugin plugin;

    public ${classPrefix}Task(${classPrefix}Plugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String name() {
        return "${pluginId}-tick";
    }

    /** Read again after every run, so a change on /settings applies from the next one. */
    @Override
    public Duration interval() {
        return Duration.ofSeconds(plugin.context().config().getInt(${classPrefix}Options.INTERVAL_SECONDS));
    }

    @Override
    public void run(TaskContext task) {
        if (!task.stopRequested()) {
            increment(plugin.context().store());
        }
    }

    /** The number of completed runs so far. */
    static long runs(PluginStore store) {
        return store.get(KIND, RUNS).map(Long::parseLong).orElse(0L);
    }

    /** Adds one run and answers the new count (the record is created at the first). */
    static long increment(PluginStore store) {
        return store.increment(KIND, RUNS, 1);
    }
}
