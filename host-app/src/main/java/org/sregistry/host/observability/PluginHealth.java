package org.sregistry.host.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.HealthCheck;

/**
 * Runs the started plugins' {@link HealthCheck}s for {@code /health}: all at once, each with its plugin's class
 * loader as context loader, waiting at most {@link HealthCheck#TIMEOUT_SECONDS} seconds for them all. A check that
 * throws or does not answer in time is down; what it threw goes to the log (once per plugin, check and failure), and
 * {@code /health} shows only the exception's class, since a message may name paths. A check still running from an
 * earlier poll is not started again (so a hanging check holds one thread, however often {@code /health} is asked).
 */
public final class PluginHealth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHealth.class);

    /** One started plugin's checks. */
    public record PluginChecks(String pluginId, ClassLoader loader, List<HealthCheck> checks) {
    }

    /** What one check found. */
    public record Outcome(String pluginId, String name, boolean up, String message) {
    }

    private final Supplier<List<PluginChecks>> plugins;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "plugin-health-check");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> lastLogged = new ConcurrentHashMap<>();
    /** The last run of each current check (by identity; stopped plugins' checks are dropped on the next poll). */
    private final Map<HealthCheck, Future<Outcome>> inFlight = new java.util.IdentityHashMap<>();

    public PluginHealth(Supplier<List<PluginChecks>> plugins) {
        this.plugins = plugins;
    }

    /** Runs every check now; in plugin order, then the plugin's order. */
    public List<Outcome> check() {
        record Running(String pluginId, String name, Future<Outcome> future) {
        }
        List<Running> running = new ArrayList<>();
        synchronized (inFlight) {
            Map<HealthCheck, Future<Outcome>> previous = new java.util.IdentityHashMap<>(inFlight);
            inFlight.clear(); // keeps no stopped plugin's check (and so its class loader)
            for (PluginChecks plugin : plugins.get()) {
                for (HealthCheck check : plugin.checks()) {
                    String name = nameOf(check);
                    Future<Outcome> last = previous.get(check);
                    // a check still running since an earlier poll is waited for again: one thread per hanging check
                    Future<Outcome> future = last != null && !last.isDone() ? last
                            : runner.submit(() -> run(plugin, name, check));
                    inFlight.put(check, future);
                    running.add(new Running(plugin.pluginId(), name, future));
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HealthCheck.TIMEOUT_SECONDS);
        List<Outcome> outcomes = new ArrayList<>();
        for (Running check : running) {
            try {
                outcomes.add(check.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                // left running: the next poll waits for this run again rather than starting another
                outcomes.add(new Outcome(check.pluginId(), check.name(), false,
                        "no answer within " + HealthCheck.TIMEOUT_SECONDS + " s"));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome(check.pluginId(), check.name(), false, "the check failed"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new Outcome(check.pluginId(), check.name(), false, "not checked (interrupted)"));
            }
        }
        return outcomes;
    }

    private Outcome run(PluginChecks plugin, String name, HealthCheck check) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.loader());
        try {
            HealthCheck.Result result = check.check();
            if (result == null) {
                return new Outcome(plugin.pluginId(), name, false, "the check answered nothing");
            }
            lastLogged.remove(plugin.pluginId() + "/" + name);
            return new Outcome(plugin.pluginId(), name, result.healthy(), result.message());
        } catch (Exception | LinkageError e) {
            logOnce(plugin.pluginId(), name, e);
            return new Outcome(plugin.pluginId(), name, false, "the check failed: " + e.getClass().getSimpleName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String nameOf(HealthCheck check) {
        try {
            String name = check.name();
            return name == null || name.isBlank() ? check.getClass().getSimpleName() : name;
        } catch (RuntimeException | LinkageError e) {
            return check.getClass().getSimpleName();
        }
    }

    private void logOnce(String pluginId, String check, Throwable e) {
        String what = e.getClass().getName() + ": " + e.getMessage();
        if (!what.equals(lastLogged.put(pluginId + "/" + check, what))) {
            LOG.warn("Health check {} of plugin {} failed: {}", check, pluginId, what);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
