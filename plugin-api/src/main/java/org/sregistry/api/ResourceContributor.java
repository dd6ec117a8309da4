package org.sregistry.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Contributes JAX-RS resources and providers to the host's Jersey application.
 *
 * <p>Resource paths must live under {@code /{pluginId}} (pages) or {@code /api/{pluginId}}
 * (JSON); the host refuses a plugin that claims any other path. Resources are registered while
 * the plugin is enabled and removed when it is disabled (the host rebuilds the application
 * without restarting Jetty).
 */
public interface ResourceContributor extends ExtensionPoint {

    /** Resource or provider instances, or their classes (instances are preferred). */
    Set<Object> resources();
}
