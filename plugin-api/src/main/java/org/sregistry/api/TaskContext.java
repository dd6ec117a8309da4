package org.sregistry.api;

import java.time.Instant;

/** Information about one run of a {@link ScheduledTask}. */
public interface TaskContext {

    /** When this run started. */
    Instant startedAt();

    /** True once the host asked the task to stop (plugin disabled or shutdown): finish quickly. */
    boolean stopRequested();
}
