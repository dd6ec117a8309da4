package org.sregistry.host.plugins;

import java.util.List;
import java.util.Set;
import org.sregistry.api.UserRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which request paths belong to a plugin, and which of those its {@link UserRoutes} open to signed-in users (the
 * rest are administrators-only, see {@link org.sregistry.host.auth.AdminPaths}). The entries are checked when the
 * plugin starts (one outside its namespace fails the start) and asked again on each request; an entry that has
 * become invalid since (the plugin's configuration changed) opens nothing and is logged, and so does a
 * {@code userPaths()} that throws.
 */
public final class PluginPaths {
    private static final Logger LOG = LoggerFactory.getLogger(PluginPaths.class);
    private final PluginHost plugins;

    public PluginPaths(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** The extensions of a starting plugin, after checking what they declare now. */
    static List<UserRoutes> checked(String pluginId, List<UserRoutes> routes) {
        for (UserRoutes route : routes) {
            Set<String> paths = route.userPaths();
            if (paths == null) {
                throw new IllegalStateException(route.getClass().getName() + ".userPaths() returned null");
            }
            for (String path : paths) {
                Namespaces.checkUserPath(pluginId, path);
            }
        }
        return List.copyOf(routes);
    }

    /** True for a path a plugin serves: {@code /{id}/...} or {@code /api/{id}/...}, started or not. */
    public boolean isPluginPath(String path) {
        for (PluginRecord plugin : plugins.plugins()) {
            String page = "/" + plugin.id();
            String api = "/api/" + plugin.id();
            if (path.equals(page) || path.startsWith(page + "/") || path.equals(api) || path.startsWith(api + "/")) {
                return true;
            }
        }
        return false;
    }

    /** True when a started plugin opens {@code path} (normalised) to signed-in users. */
    public boolean isUserPath(String path) {
        for (PluginRecord plugin : plugins.started()) {
            for (String prefix : userPaths(plugin)) {
                if (Namespaces.opens(plugin.id(), prefix, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a started plugin opens at least one path to signed-in users now. */
    public boolean opensPaths(PluginRecord plugin) {
        return !userPaths(plugin).isEmpty();
    }

    /** The valid entries the plugin declares now. */
    private List<String> userPaths(PluginRecord plugin) {
        if (plugin.contributions() == null || plugin.contributions().userRoutes().isEmpty()) {
            return List.of();
        }
        List<String> valid = new java.util.ArrayList<>();
        for (UserRoutes route : plugin.contributions().userRoutes()) {
            try {
                Set<String> paths = PluginHost.withLoader(plugin.classLoader(), route::userPaths);
                for (String path : paths == null ? Set.<String>of() : paths) {
                    try {
                        Namespaces.checkUserPath(plugin.id(), path);
                        valid.add(path);
                    } catch (IllegalStateException e) {
                        LOG.warn("Plugin {}: {}; it stays administrators-only", plugin.id(), e.getMessage());
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Plugin {}: userPaths() failed; its paths stay administrators-only", plugin.id(), e);
            }
        }
        return valid;
    }
}
