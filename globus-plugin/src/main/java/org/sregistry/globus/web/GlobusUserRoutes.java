package org.sregistry.globus.web;

import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.UserRoutes;
import org.sregistry.globus.GlobusPlugin;

/**
 * Lets every signed-in user use Globus through the registry, but only while its collection is a guest collection it
 * manages: then each user acts as their own Globus identity, sees only their own transfers and gets access to one
 * folder per transfer. Otherwise (a personal or mapped collection) every transfer would borrow the registry's own
 * identity, so the plugin stays administrators-only. The service connection's card and the list of every user's
 * connection stay administrators-only either way.
 */
@Extension
public class GlobusUserRoutes implements UserRoutes {
    /** What users may open in guest mode. */
    static final Set<String> USER_PATHS = Set.of(
            "/globus", "/globus/code", "/globus/disconnect", "/globus/e", "/globus/consent", "/globus/transfer",
            "/globus/tasks", "/globus/notifications", "/globus/sync",
            "/api/globus/me", "/api/globus/endpoints", "/api/globus/tasks", "/api/globus/login",
            "/api/globus/consent", "/api/globus/notifications", "/api/globus/sync");

    private final GlobusPlugin plugin;

    /** Routes of this plugin instance. */
    public GlobusUserRoutes(GlobusPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Set<String> userPaths() {
        return plugin.services().sharing().current().guest() ? USER_PATHS : Set.of();
    }
}
