package org.sregistry.host.auth;

import java.util.List;
import java.util.function.Predicate;

/**
 * The paths only registry administrators may use: settings, logs, metrics, accounts, teams,
 * plugins, the audit log — and, until a plugin's pages check each user's rights themselves, every
 * plugin's pages and API (the Globus plugin transfers with the registry's Globus identity).
 */
public final class AdminPaths {
    private static final List<String> PREFIXES = List.of("/settings", "/logs", "/metrics", "/users", "/audit",
            "/api/users", "/api/teams", "/api/plugins", "/api/audit");
    private final Predicate<String> pluginPath;

    /** @param pluginPath true for a path a plugin serves ({@code /{id}/...}, {@code /api/{id}/...}) */
    public AdminPaths(Predicate<String> pluginPath) {
        this.pluginPath = pluginPath;
    }

    /** True when only administrators may use {@code path} (already normalised). */
    public boolean adminOnly(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return pluginPath.test(path);
    }
}
