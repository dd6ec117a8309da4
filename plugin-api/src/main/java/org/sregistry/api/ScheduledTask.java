package org.sregistry.api;

import java.time.Duration;
import org.pf4j.ExtensionPoint;

/**
 * Work the host runs periodically while the plugin is enabled: at a fixed delay after the
 * previous run ended, never two runs of one task at once. An exception is logged and counted and
 * the task keeps its schedule. {@link #interval()} is read again after every run, so a task may
 * adapt its pace (e.g. poll faster while transfers are active).
 */
public interface ScheduledTask extends ExtensionPoint {

    /** A short stable name, unique within the plugin, e.g. {@code globus-import}. */
    String name();

    /** The delay between the end of one run and the start of the next. */
    Duration interval();

    /** The delay before the first run after the plugin starts. */
    default Duration initialDelay() {
        return Duration.ofSeconds(1);
    }

    /** Does one round of work. */
    void run(TaskContext context) throws Exception;
}
