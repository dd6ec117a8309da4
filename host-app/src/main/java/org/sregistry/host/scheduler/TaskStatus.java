package org.sregistry.host.scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * What the settings page shows about one scheduled task.
 *
 * @param pluginId  owner
 * @param name      task name
 * @param lastRun   when the last run started, or null
 * @param duration  how long it took, or null
 * @param outcome   "ok", "failed: ...", or "not run yet"
 * @param nextRun   when the next run is due, or null
 * @param runs      completed runs
 * @param failures  runs that threw
 */
public record TaskStatus(String pluginId, String name, Instant lastRun, Duration duration, String outcome,
                         Instant nextRun, long runs, long failures) {
}
