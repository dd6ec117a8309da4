package org.sregistry.host.auth;

import java.util.List;
import java.util.function.Predicate;

/**
 * The paths only registry administrators may use: settings, logs, metrics, accounts, teams, plugins, the audit log
 * — and every plugin's pages and API, except the paths a plugin opens to signed-in users with
 * {@link org.sregistry.api.UserRoutes} (those routes check each object with {@link org.sregistry.api.Access}).
 * Default-deny lives here: a plugin route nobody declared stays closed.
 */
public final class AdminPaths {
    private static final List<String> PREFIXES = List.of("/settings", "/logs", "/metrics", "/users", "/audit",
            "/api/users", "/api/teams", "/api/plugins", "/api/audit");
    private final Predicate<String> pluginPath;
    private final Predicate<String> pluginUserPath;

    /**
     * @param pluginPath     true for a path a plugin serves ({@code /{id}/...}, {@code /api/{id}/...})
     * @param pluginUserPath true for a plugin path its plugin opens to signed-in users
     */
    public AdminPaths(Predicate<String> pluginPath, Predicate<String> pluginUserPath) {
        this.pluginPath = pluginPath;
        this.pluginUserPath = pluginUserPath;
    }

    /** True when only administrators may use {@code path} (already normalised). */
    public boolean adminOnly(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return pluginPath.test(path) && !pluginUserPath.test(path);
    }
}
