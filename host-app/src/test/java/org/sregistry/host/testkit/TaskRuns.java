package org.sregistry.host.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.sregistry.host.scheduler.TaskScheduler;
import org.sregistry.host.scheduler.TaskStatus;

/**
 * Waits for runs of one plugin task, reading the scheduler's statuses ({@code runs} counts completed runs;
 * {@code nextRun} is null while a run is going). A run counts when it started after the wait began: one already
 * going is skipped, since it may have read the state before the test changed it. When the plugin restarts (a
 * toggle), its task counts from zero again and any run of it is new.
 */
final class TaskRuns {
    private static final long POLL_MILLIS = 10;

    private final TaskScheduler scheduler;
    private final String pluginId;
    private final String taskName;

    TaskRuns(TaskScheduler scheduler, String pluginId, String taskName) {
        this.scheduler = scheduler;
        this.pluginId = pluginId;
        this.taskName = taskName;
    }

    /** The status after the first run that started after this call, within {@code timeout}. */
    TaskStatus awaitNew(Duration timeout) {
        return await(firstNewRun(status()), timeout);
    }

    /** Asks for a run now, then as {@link #awaitNew}; fails at once when the task is not scheduled. */
    TaskStatus runNow(Duration timeout) {
        Optional<TaskStatus> before = status();
        if (before.isEmpty()) {
            throw new AssertionError(notScheduled());
        }
        long needed = firstNewRun(before);
        scheduler.runNow(pluginId, taskName);
        return await(needed, timeout);
    }

    /** The {@code runs} count that the first run starting after now will leave. */
    private static long firstNewRun(Optional<TaskStatus> now) {
        return now.map(s -> s.runs() + (s.nextRun() == null ? 2 : 1)).orElse(1L);
    }

    private TaskStatus await(long needed, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = needed - 1;
        while (true) {
            Optional<TaskStatus> now = status();
            if (now.isPresent()) {
                long runs = now.get().runs();
                if (runs < seen) {
                    needed = 1; // restarted: a fresh schedule, begun after the wait did
                }
                seen = runs;
                if (runs >= needed) {
                    return now.get();
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("task " + pluginId + "/" + taskName + " completed no new run within " + timeout
                        + ": " + now.map(s -> "runs " + s.runs() + ", last outcome " + s.outcome() + ", next run "
                        + s.nextRun()).orElseGet(this::notScheduled));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for task " + pluginId + "/" + taskName, e);
            }
        }
    }

    private Optional<TaskStatus> status() {
        return scheduler.statuses().stream().filter(s -> s.pluginId().equals(pluginId) && s.name().equals(taskName))
                .findFirst();
    }

    private String notScheduled() {
        List<String> scheduled = scheduler.statuses().stream().map(s -> s.pluginId() + "/" + s.name()).toList();
        return "no task " + pluginId + "/" + taskName + " is scheduled (is the plugin enabled and started? see"
                + " /api/plugins); scheduled: " + scheduled;
    }
}
