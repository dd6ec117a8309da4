package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.sregistry.api.PluginContext;
import org.sregistry.host.config.LayeredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J side of the plugin host: loads a plugin from its jar copy, starts it the safe way ({@link SafeStart}),
 * unloads it, and keeps the class loaders of plugins that were serving until the web layer says their requests have
 * ended ({@link RetiredLoaders}). Unloading a plugin forgets its options: their validators are its code.
 */
final class PluginRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);
    private final HostPluginManager manager;
    private final LayeredConfig config;
    private final SafeStart safeStart;
    private final RetiredLoaders retired = new RetiredLoaders();
    private final List<Consumer<String>> beforeStop = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What a jar copy declares once loaded. */
    record Probe(String version, String description) {
    }

    /** How a start ended: started (with its contributions), or failed; a failed plugin's loader is kept or null. */
    record Outcome(ClassLoader loader, Contributions contributions, String error) {
        boolean started() {
            return error == null;
        }
    }

    PluginRuntime(Path cacheDir, LayeredConfig config, Function<String, PluginContext> contexts, String hostVersion) {
        this.manager = new HostPluginManager(cacheDir, contexts, hostVersion);
        this.config = config;
        this.safeStart = new SafeStart(manager, config);
    }

    void addBeforeStopListener(Consumer<String> listener) {
        beforeStop.add(listener);
    }

    /** The descriptor a jar declares, read without loading it. */
    PluginDescriptor describe(Path jar) {
        return manager.descriptorOf(jar);
    }

    int compareVersions(String a, String b) {
        return manager.compareVersions(a, b);
    }

    /** True when this host's version satisfies a descriptor's {@code plugin.requires}. */
    boolean hostSatisfies(String requires) {
        return requires == null || requires.isBlank() || requires.trim().equals("*")
                || manager.getVersionManager().checkVersionConstraint(manager.getSystemVersion(), requires);
    }

    String hostVersion() {
        return manager.getSystemVersion();
    }

    /**
     * Loads a copy to check that PF4J takes it under {@code id}, reads its descriptor and unloads it again (nothing
     * runs until it is started).
     *
     * @throws IllegalStateException when PF4J refuses it
     */
    Probe probe(String id, Path copy) {
        String loaded = manager.loadPlugin(copy);
        if (loaded == null) {
            throw new IllegalStateException("PF4J refused it (see the log)");
        }
        try {
            if (!loaded.equals(id)) {
                throw new IllegalStateException("it declared " + id + " and then " + loaded);
            }
            PluginDescriptor descriptor = manager.getPlugin(id).getDescriptor();
            return new Probe(descriptor.getVersion(), descriptor.getPluginDescription() == null ? ""
                    : descriptor.getPluginDescription());
        } finally {
            unload(loaded, false, null);
        }
    }

    /**
     * Starts a plugin afresh from its copy, with a new class loader (one kept from a failed start is dropped first).
     * A plugin whose {@code plugin.requires} this host does not satisfy is refused before any of its code runs. A
     * plugin that is refused on its options or whose {@code start()} throws stays loaded, its options declared, so
     * they can be fixed; the outcome carries its loader then.
     */
    Outcome start(String id, Path copy, boolean commandsOnly) {
        unload(id, false, null);
        try {
            if (manager.loadPlugin(copy) == null) {
                throw new IllegalStateException("PF4J refused " + copy.getFileName() + " (see the log)");
            }
            String requires = manager.getPlugin(id).getDescriptor().getRequires();
            if (!hostSatisfies(requires)) {
                // before any of its code runs: it was built for other hosts
                unload(id, false, null);
                return new Outcome(null, null, "requires registry " + requires.trim() + " (plugin.requires); this"
                        + " registry is " + hostVersion());
            }
            ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
            SafeStart.Outcome outcome = safeStart.start(id, commandsOnly);
            if (outcome instanceof SafeStart.Started started) {
                return new Outcome(loader, started.contributions(), null);
            }
            SafeStart.Refused refused = (SafeStart.Refused) outcome;
            if (refused.pluginStarted()) {
                PluginHost.withLoader(loader, () -> manager.stopPlugin(id));
            }
            return new Outcome(loader, null, refused.error());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Plugin {} failed to start", id, e);
            unload(id, false, null);
            return new Outcome(null, null, PluginHost.rootMessage(e));
        }
    }

    /**
     * Unloads a plugin if it is loaded (PF4J stops it first) and forgets its options. Its class loader and
     * {@code copyToDelete} are kept for requests still running on the old web application when it {@code served},
     * else released now.
     */
    void unload(String id, boolean served, Path copyToDelete) {
        PluginWrapper wrapper = manager.getPlugin(id);
        ClassLoader loader = null;
        if (wrapper != null) {
            for (Consumer<String> listener : beforeStop) {
                try {
                    listener.accept(id);
                } catch (RuntimeException e) {
                    LOG.warn("Before-stop listener failed for plugin {}: {}", id, e.toString());
                }
            }
            loader = wrapper.getPluginClassLoader();
            try {
                PluginHost.withLoader(loader, () -> manager.unloadPlugin(id));
            } catch (RuntimeException e) {
                LOG.warn("Plugin {} did not stop cleanly: {}", id, PluginHost.rootMessage(e));
            }
        }
        config.forget(id);
        RetiredLoaders.Retired gone = new RetiredLoaders.Retired(id, loader, copyToDelete);
        if (served) {
            retired.add(gone);
        } else {
            RetiredLoaders.release(List.of(gone));
        }
    }

    /** The loaders retired since the last call, as one action that releases them. */
    Runnable takeRetired() {
        List<RetiredLoaders.Retired> taken = retired.take();
        return () -> RetiredLoaders.release(taken);
    }
}
