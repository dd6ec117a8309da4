package org.sregistry.host.plugins;

import java.io.IOException;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader that stays usable after PF4J unloads the plugin, until the host {@link #release()}s it.
 * PF4J closes the loader as part of {@code unloadPlugin}; but requests that began on the web application built with
 * the plugin still run its code for a moment (see {@link org.sregistry.host.web.JerseySwitch}), and a class they
 * load for the first time must still be found. The host releases the loader once those requests have ended.
 */
final class RetiringPluginClassLoader extends PluginClassLoader {
    RetiringPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    /** PF4J's unload: the loader is retired, not closed yet. */
    @Override
    public void close() {
        // released by the host
    }

    /** Closes the loader for good (its jar file is closed). */
    void release() throws IOException {
        super.close();
    }
}
