package org.sregistry.host.plugins;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.sregistry.api.PluginContext;

/**
 * The one way plugins receive host services: constructor injection. A plugin class or extension
 * may declare a public constructor taking {@link PluginContext} and/or its own {@link Plugin}
 * subclass; otherwise a no-argument constructor is used.
 */
final class ContextualFactories {
    private ContextualFactories() {
    }

    static PluginFactory pluginFactory(Function<String, PluginContext> contexts) {
        return wrapper -> {
            String className = wrapper.getDescriptor().getPluginClass();
            try {
                Class<?> type = wrapper.getPluginClassLoader().loadClass(className);
                if (!Plugin.class.isAssignableFrom(type)) {
                    throw new PluginRuntimeException("plugin class {} does not extend org.pf4j.Plugin", className);
                }
                PluginContext context = contexts.apply(wrapper.getPluginId());
                return (Plugin) construct(type, context, null);
            } catch (ClassNotFoundException e) {
                throw new PluginRuntimeException(e, "plugin class {} not found in {}", className, wrapper.getPluginPath());
            }
        };
    }

    static ExtensionFactory extensionFactory(PluginManager manager, Function<String, PluginContext> contexts) {
        return new ExtensionFactory() {
            @Override
            public <T> T create(Class<T> extensionClass) {
                PluginWrapper owner = manager.whichPlugin(extensionClass);
                PluginContext context = owner == null ? null : contexts.apply(owner.getPluginId());
                Plugin plugin = owner == null ? null : owner.getPlugin();
                return extensionClass.cast(construct(extensionClass, context, plugin));
            }
        };
    }

    private static Object construct(Class<?> type, PluginContext context, Plugin plugin) {
        try {
            for (Constructor<?> constructor : type.getConstructors()) {
                Class<?>[] params = constructor.getParameterTypes();
                Object[] args = new Object[params.length];
                boolean satisfiable = true;
                for (int i = 0; i < params.length; i++) {
                    if (params[i] == PluginContext.class && context != null) {
                        args[i] = context;
                    } else if (plugin != null && params[i].isInstance(plugin)) {
                        args[i] = plugin;
                    } else {
                        satisfiable = false;
                    }
                }
                if (satisfiable && params.length > 0) {
                    return constructor.newInstance(args);
                }
            }
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "constructor of {} failed: {}", type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(e, "cannot create {}: it needs a public constructor taking"
                    + " PluginContext and/or its Plugin, or no arguments", type.getName());
        }
    }
}
