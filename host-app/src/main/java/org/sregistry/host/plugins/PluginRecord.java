package org.sregistry.host.plugins;

import java.nio.file.Path;

/**
 * What the host knows of one plugin jar, started or not.
 *
 * @param id            the descriptor's id (the jar's file name when it could not be read)
 * @param version       the descriptor's version, or empty
 * @param description   the descriptor's description, or empty
 * @param jar           the jar as found in a plugins folder (or the source tree, in development mode)
 * @param dev           true when the jar was built in the source tree ({@code --dev}), not found in a plugins folder
 * @param state         the current state
 * @param error         why it failed, or null
 * @param classLoader   the plugin's class loader while loaded (started, or failed with its options kept), else null
 * @param contributions its contributions while started, else null
 */
public record PluginRecord(
        String id,
        String version,
        String description,
        Path jar,
        boolean dev,
        PluginState state,
        String error,
        ClassLoader classLoader,
        Contributions contributions) {

    /** The key that enables this plugin. */
    public String enabledKey() {
        return PluginKeys.enabledKey(id);
    }

    /** The same plugin in another state. */
    PluginRecord with(PluginState newState, String newError, ClassLoader loader, Contributions newContributions) {
        return new PluginRecord(id, version, description, jar, dev, newState, newError, loader, newContributions);
    }
}
