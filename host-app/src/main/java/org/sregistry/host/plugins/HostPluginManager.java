package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.PluginContext;

/**
 * PF4J's manager with the host's constructor-injecting factories and class loaders that outlive an unload until the
 * host releases them ({@link RetiringPluginClassLoader}). Jars are loaded one by one by {@link PluginHost}.
 */
final class HostPluginManager extends DefaultPluginManager {
    // Read lazily by the factories: initialize() creates them before this field is set.
    private Function<String, PluginContext> contexts;

    HostPluginManager(Path root, Function<String, PluginContext> contexts, String systemVersion) {
        super(List.of(root));
        this.contexts = contexts;
        setSystemVersion(systemVersion);
    }

    /** The descriptor a jar declares, read without loading it. */
    PluginDescriptor descriptorOf(Path jar) {
        return pluginDescriptorFinder.find(jar);
    }

    /** Compares two descriptor versions (semantic versions; anything else by text, so a bad one never throws). */
    int compareVersions(String a, String b) {
        try {
            return getVersionManager().compareVersions(a, b);
        } catch (RuntimeException e) {
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
    }

    /**
     * The {@link ConfigContributor} extensions of a loaded plugin that has not started: PF4J hands out extensions of
     * started plugins only, and the host checks options before {@code Plugin.start()}. They are made by the same
     * factory as every other extension (a contributor taking the plugin gets the instance that will start).
     */
    List<ConfigContributor> configContributors(String pluginId) {
        PluginWrapper wrapper = getPlugin(pluginId);
        List<ConfigContributor> found = new ArrayList<>();
        for (String name : getExtensionClassNames(pluginId)) {
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new PluginRuntimeException(e, "extension class {} listed in extensions.idx is missing", name);
            }
            if (ConfigContributor.class.isAssignableFrom(type)) {
                found.add((ConfigContributor) getExtensionFactory().create(type));
            }
        }
        return found;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return ContextualFactories.pluginFactory(id -> contexts.apply(id));
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return ContextualFactories.extensionFactory(this, id -> contexts.apply(id));
    }

    /** Plugin jars only (the host never loads folders or zips), each with a {@link RetiringPluginClassLoader}. */
    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new JarPluginLoader(this) {
            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                RetiringPluginClassLoader loader = new RetiringPluginClassLoader(pluginManager, descriptor,
                        HostPluginManager.class.getClassLoader());
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        });
    }
}
