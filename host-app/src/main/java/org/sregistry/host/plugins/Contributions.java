package org.sregistry.host.plugins;

import java.util.List;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.ConfigChangeListener;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.HealthCheck;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UserRoutes;

/**
 * Everything one started plugin contributes, instantiated once per start.
 *
 * @param resources  JAX-RS resource/provider instances or classes, already checked to lie in the plugin's namespace
 * @param userRoutes the paths it opens to signed-in users ({@link PluginPaths}), checked at start
 * @param health     its checks shown on {@code /health}
 * @param configListeners told of its options' changes ({@link PluginConfigChanges})
 */
public record Contributions(
        List<Object> resources,
        List<UiContributor> ui,
        List<ConfigContributor> config,
        List<ScheduledTask> tasks,
        List<CommandContributor> commands,
        List<UserRoutes> userRoutes,
        List<HealthCheck> health,
        List<ConfigChangeListener> configListeners) {

    /** Contributions without health checks and option listeners (the CLI's: it has neither). */
    public Contributions(List<Object> resources, List<UiContributor> ui, List<ConfigContributor> config,
                         List<ScheduledTask> tasks, List<CommandContributor> commands, List<UserRoutes> userRoutes) {
        this(resources, ui, config, tasks, commands, userRoutes, List.of(), List.of());
    }

    /** True when the plugin contributes nothing at all (the classic silent failure). */
    public boolean isEmpty() {
        return resources.isEmpty() && ui.isEmpty() && config.isEmpty() && tasks.isEmpty() && commands.isEmpty()
                && userRoutes.isEmpty() && health.isEmpty() && configListeners.isEmpty();
    }
}
