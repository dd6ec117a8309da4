package org.sregistry.host.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginFactory;
import org.sregistry.api.PluginContext;

/** PF4J's manager with the host's constructor-injecting factories. Jars are loaded one by one by {@link PluginHost}. */
final class HostPluginManager extends DefaultPluginManager {
    // Read lazily by the factories: initialize() creates them before this field is set.
    private Function<String, PluginContext> contexts;

    HostPluginManager(Path root, Function<String, PluginContext> contexts, String systemVersion) {
        super(List.of(root));
        this.contexts = contexts;
        setSystemVersion(systemVersion);
    }

    /** The plugin id a jar declares, read without loading it. */
    String declaredId(Path jar) {
        return pluginDescriptorFinder.find(jar).getPluginId();
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return ContextualFactories.pluginFactory(id -> contexts.apply(id));
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return ContextualFactories.extensionFactory(this, id -> contexts.apply(id));
    }
}
