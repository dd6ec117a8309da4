package org.sregistry.host.plugins;

import java.util.Locale;

/** Naming rules shared by the plugin host: enable flags follow {@code PLUGIN_<ID>_ENABLED}. */
public final class PluginKeys {
    private PluginKeys() {
    }

    /** {@code globus} → {@code PLUGIN_GLOBUS_ENABLED}. */
    public static String enabledKey(String pluginId) {
        return "PLUGIN_" + pluginId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_ENABLED";
    }
}
