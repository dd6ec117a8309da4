package org.sregistry.api;

import java.util.Objects;
import org.pf4j.ExtensionPoint;

/**
 * A check of something the plugin needs to work (a folder it writes, a connection it holds), shown under the
 * plugin's id in {@code /health} while the plugin runs:
 * {@code "plugin_checks": {"globus": {"staging-folder": {"status": "UP", "message": "writable"}}}}.
 *
 * <p>A check that is down, throws or does not answer within {@link #TIMEOUT_SECONDS} seconds is shown {@code DOWN}
 * and makes the registry's overall status {@code DEGRADED} (still HTTP 200, never {@code DOWN}/503: a plugin's
 * trouble does not take the registry out of a load balancer); {@code reasons} names the plugin and the check. A
 * check that throws is shown with the exception's class only (its message, which may name paths, goes to the
 * log).
 *
 * <p>{@code /health} is public and polled often: keep a check quick and local (no call to a remote service on
 * each run; report what the plugin last saw instead), and keep its message free of paths, names and secrets.
 *
 * <pre>{@code
 * @Extension
 * public class StagingFolderCheck implements HealthCheck {
 *     private final PluginContext context;
 *     public StagingFolderCheck(PluginContext context) { this.context = context; }
 *
 *     @Override public String name() { return "staging-folder"; }
 *
 *     @Override public Result check() {
 *         Path folder = Path.of(context.config().get("PLUGIN_MY_STAGING_DIR"));
 *         return Files.isDirectory(folder) && Files.isWritable(folder) ? Result.healthy("writable")
 *                 : Result.unhealthy("the staging folder is missing or not writable");
 *     }
 * }
 * }</pre>
 */
public interface HealthCheck extends ExtensionPoint {

    /** How long the host waits for {@link #check()} before it shows the check {@code DOWN}. */
    int TIMEOUT_SECONDS = 2;

    /** A short stable name, unique within the plugin, e.g. {@code staging-folder}. */
    String name();

    /** Checks now (on every {@code /health} request). An exception counts as down. */
    Result check() throws Exception;

    /**
     * What a check found.
     *
     * @param healthy true when the checked thing works
     * @param message one short public sentence, e.g. {@code "writable"} or {@code "not connected to Globus"}
     */
    record Result(boolean healthy, String message) {
        public Result {
            message = Objects.requireNonNullElse(message, "");
        }

        /** Works. */
        public static Result healthy(String message) {
            return new Result(true, message);
        }

        /** Does not work, and why. */
        public static Result unhealthy(String message) {
            return new Result(false, message);
        }
    }
}
