package org.sregistry.host.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;
import org.sregistry.host.plugins.PluginHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugins' {@link ScheduledTask}s at a fixed delay on one host executor (like Jenkins'
 * AsyncPeriodicWork): never two runs of one task at once, an exception is logged and counted and
 * the task keeps its schedule. The interval is read again after each run.
 */
public final class TaskScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Scheduled> tasks = new ConcurrentHashMap<>();
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    public TaskScheduler(Clock clock, MeterRegistry meters) {
        AtomicInteger counter = new AtomicInteger();
        ClassLoader hostLoader = TaskScheduler.class.getClassLoader();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "task-" + counter.incrementAndGet());
            t.setDaemon(true);
            // never inherit a plugin's loader from the creating thread: it would pin the plugin
            t.setContextClassLoader(hostLoader);
            return t;
        });
        // cancelled runs of a stopped plugin must not wait in the queue holding its task object
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        this.clock = clock;
        this.meters = meters;
    }

    /** Starts running a plugin's tasks. */
    public void start(String pluginId, ClassLoader loader, List<ScheduledTask> pluginTasks) {
        for (ScheduledTask task : pluginTasks) {
            Scheduled scheduled = new Scheduled(pluginId, loader, task);
            Scheduled previous = tasks.put(scheduled.key(), scheduled);
            if (previous != null) {
                previous.cancel();
            }
            scheduled.scheduleIn(task.initialDelay());
            LOG.info("Scheduled task {}/{} every {}", pluginId, task.name(), task.interval());
        }
    }

    /**
     * Stops every task of a plugin: no further runs, and a run in progress is asked to stop
     * ({@link TaskContext#stopRequested()}) and awaited for up to {@code STOP_WAIT}, so the plugin
     * is not unloaded under a running task.
     */
    public void stop(String pluginId) {
        for (Scheduled scheduled : new ArrayList<>(tasks.values())) {
            if (scheduled.pluginId.equals(pluginId)) {
                tasks.remove(scheduled.key());
                scheduled.cancel();
                scheduled.awaitIdle(STOP_WAIT);
            }
        }
    }

    /** The class loader a plugin's tasks were scheduled with, if any. */
    public java.util.Optional<ClassLoader> loaderOf(String pluginId) {
        return tasks.values().stream().filter(s -> s.pluginId.equals(pluginId)).map(s -> s.loader).findFirst();
    }

    /** The plugin ids with scheduled tasks. */
    public List<String> scheduledPlugins() {
        return tasks.values().stream().map(s -> s.pluginId).distinct().sorted().toList();
    }

    /** Runs a task now (still never concurrently with itself); false when no such task. */
    public boolean runNow(String pluginId, String name) {
        Scheduled scheduled = tasks.get(pluginId + "/" + name);
        if (scheduled == null) {
            return false;
        }
        scheduled.scheduleIn(Duration.ZERO);
        return true;
    }

    /** Status of every task, sorted by plugin and name. */
    public List<TaskStatus> statuses() {
        List<TaskStatus> list = new ArrayList<>();
        tasks.values().forEach(s -> list.add(s.status()));
        list.sort(Comparator.comparing(TaskStatus::pluginId).thenComparing(TaskStatus::name));
        return list;
    }

    @Override
    public void close() {
        tasks.values().forEach(Scheduled::cancel);
        tasks.clear();
        executor.shutdownNow();
    }

    private final class Scheduled implements Runnable {
        private final String pluginId;
        private final ClassLoader loader;
        private final ScheduledTask task;
        private final ReentrantLock running = new ReentrantLock();
        private final Timer timer;
        private final Counter failureCounter;
        private volatile boolean cancelled;
        /** A "run now" that arrived while a run was going: run again right after it. */
        private volatile boolean rerunRequested;
        private volatile ScheduledFuture<?> future;
        private volatile Instant lastRun;
        private volatile Duration lastDuration;
        private volatile String outcome = "not run yet";
        private volatile Instant nextRun;
        private volatile long runs;
        private volatile long failures;

        Scheduled(String pluginId, ClassLoader loader, ScheduledTask task) {
            this.pluginId = pluginId;
            this.loader = loader;
            this.task = task;
            this.timer = Timer.builder("registry.task.duration").tag("plugin", pluginId).tag("task", task.name())
                    .register(meters);
            this.failureCounter = Counter.builder("registry.task.failures").tag("plugin", pluginId)
                    .tag("task", task.name()).register(meters);
        }

        String key() {
            return pluginId + "/" + task.name();
        }

        synchronized void scheduleIn(Duration delay) {
            if (cancelled) {
                return;
            }
            ScheduledFuture<?> pending = future;
            if (pending != null && !pending.isDone()) {
                pending.cancel(false);
            }
            nextRun = clock.instant().plus(delay);
            future = executor.schedule(this, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            if (!running.tryLock()) {
                rerunRequested = true;
                return;
            }
            rerunRequested = false;
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            try {
                lastRun = started;
                nextRun = null;
                TaskContext context = new TaskContext() {
                    @Override
                    public Instant startedAt() {
                        return started;
                    }

                    @Override
                    public boolean stopRequested() {
                        return cancelled;
                    }
                };
                PluginHost.withLoader(loader, () -> {
                    try {
                        task.run(context);
                    } catch (Exception e) {
                        throw new TaskFailure(e);
                    }
                    return null;
                });
                outcome = "ok";
            } catch (RuntimeException | LinkageError e) {
                Throwable cause = e instanceof TaskFailure ? e.getCause() : e;
                failures++;
                failureCounter.increment();
                outcome = "failed: " + cause;
                LOG.error("Task {}/{} failed; it stays scheduled", pluginId, task.name(), cause);
            } finally {
                long elapsed = System.nanoTime() - t0;
                lastDuration = Duration.ofNanos(elapsed);
                timer.record(elapsed, TimeUnit.NANOSECONDS);
                runs++;
                running.unlock();
            }
            Duration interval;
            try {
                interval = rerunRequested ? Duration.ZERO : PluginHost.withLoader(loader, task::interval);
            } catch (RuntimeException e) {
                interval = Duration.ofMinutes(1);
            }
            scheduleIn(interval);
        }

        /** Waits until no run is in progress (or the timeout passes). */
        void awaitIdle(Duration timeout) {
            try {
                if (running.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.unlock();
                } else {
                    LOG.warn("Task {}/{} still running after {}; stopping its plugin anyway", pluginId, task.name(),
                            timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> pending = future;
            if (pending != null) {
                pending.cancel(false);
            }
            nextRun = null;
        }

        TaskStatus status() {
            return new TaskStatus(pluginId, task.name(), lastRun, lastDuration, outcome, nextRun, runs, failures);
        }
    }

    /** Carries a checked exception out of the context-loader wrapper. */
    private static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailure(Exception cause) {
            super(cause);
        }
    }
}
