package org.sregistry.host.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginWrapper;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.ConfigChangeListener;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.HealthCheck;
import org.sregistry.api.ResourceContributor;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.UiContributor;
import org.sregistry.api.UserRoutes;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.observability.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one loaded plugin, options first. Its {@link ConfigContributor}s are made and their options declared
 * (generated values written, on the server) and checked before {@code Plugin.start()}: a plugin with a missing or
 * invalid value is refused without ever being started, its options stay declared so the settings page can fix
 * them. Only then does PF4J start it, and its other extensions are made and checked (namespaces, user paths).
 */
final class SafeStart {
    private static final Logger LOG = LoggerFactory.getLogger(SafeStart.class);
    private final HostPluginManager manager;
    private final LayeredConfig config;

    SafeStart(HostPluginManager manager, LayeredConfig config) {
        this.manager = manager;
        this.config = config;
    }

    /** How a start ended. */
    sealed interface Outcome permits Started, Refused {
    }

    /** Started, contributing {@code contributions}. */
    record Started(Contributions contributions) implements Outcome {
    }

    /** Not started, and why. {@code pluginStarted}: {@code Plugin.start()} ran and must be undone by a stop. */
    record Refused(String error, boolean pluginStarted) implements Outcome {
    }

    /**
     * @param commandsOnly the CLI: only options and commands are collected, no pages, routes or tasks, and generated
     *                     option values (e.g. a robot name) are not written (the server writes them)
     */
    Outcome start(String id, boolean commandsOnly) {
        PluginWrapper wrapper = manager.getPlugin(id);
        ClassLoader loader = wrapper.getPluginClassLoader();
        List<ConfigContributor> configs;
        List<ConfigOption> options = new ArrayList<>();
        try {
            configs = PluginHost.withLoader(loader, () -> manager.configContributors(id));
            for (ConfigContributor contributor : configs) {
                options.addAll(PluginHost.withLoader(loader, contributor::options));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Plugin {}: its options could not be read", id, e);
            return new Refused("its options could not be read: " + PluginHost.rootMessage(e), false);
        }
        config.declare(id, options);
        if (!commandsOnly) {
            config.generateMissing(id);
        }
        // secret values never reach a log line, whatever logs them
        options.stream().filter(ConfigOption::secret)
                .forEach(o -> config.find(o.key()).ifPresent(SecretMasker::register));
        Map<String, String> problems = config.problems(id);
        if (!problems.isEmpty()) {
            return new Refused("invalid configuration: " + String.join("; ", problems.values()), false);
        }
        org.pf4j.PluginState state;
        try {
            state = PluginHost.withLoader(loader, () -> manager.startPlugin(id));
        } catch (RuntimeException | LinkageError e) {
            // PF4J passes on what Plugin.start() threw; the plugin stays loaded with its options
            LOG.error("Plugin {}: start() failed", id, e);
            return new Refused("start failed: " + PluginHost.rootMessage(e), false);
        }
        if (state != org.pf4j.PluginState.STARTED) {
            Throwable failure = wrapper.getFailedException();
            return new Refused("start failed: " + (failure == null ? "state " + state : PluginHost.rootMessage(failure)),
                    false);
        }
        try {
            Contributions contributions = PluginHost.withLoader(loader, () -> collect(id, configs, commandsOnly));
            if (contributions.isEmpty()) {
                LOG.warn("Plugin {} started but contributes no extension: is META-INF/extensions.idx in its jar,"
                        + " and are plugin-api and PF4J 'provided' dependencies?", id);
            }
            return new Started(contributions);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Plugin {} started but its extensions could not be made", id, e);
            return new Refused(PluginHost.rootMessage(e), true);
        }
    }

    private Contributions collect(String id, List<ConfigContributor> configs, boolean commandsOnly) {
        if (commandsOnly) {
            return new Contributions(List.of(), List.of(), configs, List.of(),
                    manager.getExtensions(CommandContributor.class, id), List.of());
        }
        List<Object> resources = new ArrayList<>();
        for (ResourceContributor contributor : manager.getExtensions(ResourceContributor.class, id)) {
            for (Object resource : contributor.resources()) {
                Namespaces.check(id, resource);
                resources.add(resource);
            }
        }
        return new Contributions(
                List.copyOf(resources),
                manager.getExtensions(UiContributor.class, id),
                configs,
                manager.getExtensions(ScheduledTask.class, id),
                manager.getExtensions(CommandContributor.class, id),
                PluginPaths.checked(id, manager.getExtensions(UserRoutes.class, id)),
                manager.getExtensions(HealthCheck.class, id),
                manager.getExtensions(ConfigChangeListener.class, id));
    }
}
