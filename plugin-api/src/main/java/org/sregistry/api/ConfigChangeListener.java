package org.sregistry.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Told when options of this plugin were changed while it runs, so that it can act at once instead of at its next
 * read (e.g. drop a cached decision, or run a task now so that a new interval applies). Values are still read
 * through {@link PluginConfig}; this only says which keys changed.
 *
 * <p>The server calls it after a change is saved to the config file: from {@code /settings}, or by
 * {@link PluginConfig#set} (the plugin's own changes included). A save that leaves the value as it was is no
 * change. It is not called for a plugin that is not started (a plugin that failed on its options is started afresh
 * once they are fixed), for values edited by hand in the config file or written by a CLI command in another process
 * (read values when you use them, and these apply too), nor in the CLI. It runs on the thread that saved, with the
 * plugin's class loader as context loader: keep it short. An exception is logged; the change stays saved.
 *
 * <pre>{@code
 * @Extension
 * public class PollingChanges implements ConfigChangeListener {
 *     private final PluginContext context;
 *     public PollingChanges(PluginContext context) { this.context = context; }
 *
 *     @Override public void configChanged(Set<String> keys) {
 *         if (keys.contains("PLUGIN_MY_POLL_SECONDS")) {
 *             context.runTaskSoon("my-poll");   // the task reads the new interval after this run
 *         }
 *     }
 * }
 * }</pre>
 */
public interface ConfigChangeListener extends ExtensionPoint {

    /**
     * Options of this plugin changed.
     *
     * @param keys the keys whose resolved value changed (declared by this plugin, never empty)
     */
    void configChanged(Set<String> keys);
}
