package org.sregistry.host.plugins;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ConfigChangeListener;
import org.sregistry.host.config.LayeredConfig;

/**
 * Tells a started plugin's {@link ConfigChangeListener}s that one of its options was saved with a new value: on the
 * saving thread, with the plugin's class loader as context loader. A listener that throws is logged; the saved value
 * stands. Options of the host and of plugins that are not started are nobody's business here.
 */
public final class PluginConfigChanges implements LayeredConfig.SaveListener {
    private static final Logger LOG = LoggerFactory.getLogger(PluginConfigChanges.class);

    /** A started plugin's listeners. */
    public record Listeners(ClassLoader loader, List<ConfigChangeListener> listeners) {
    }

    private final Function<String, Optional<Listeners>> started;

    /** @param started the listeners of a plugin id while that plugin is started, else empty */
    public PluginConfigChanges(Function<String, Optional<Listeners>> started) {
        this.started = started;
    }

    @Override
    public void saved(String owner, String key) {
        if (owner == null) {
            return;
        }
        started.apply(owner).ifPresent(plugin -> {
            for (ConfigChangeListener listener : plugin.listeners()) {
                try {
                    PluginHost.withLoader(plugin.loader(), () -> {
                        listener.configChanged(Set.of(key));
                        return null;
                    });
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("Plugin {}: its listener of option changes failed on {} (the value is saved)", owner, key,
                            e);
                }
            }
        });
    }
}
