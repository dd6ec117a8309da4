package org.sregistry.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Opens some of a plugin's paths to every signed-in user. Without this extension (and for every path it does not
 * name) a plugin's pages and API are for registry administrators only: the host answers others 403 before the
 * plugin sees the request, so a route added later without thought stays closed. With it, the host also shows the
 * plugin's {@link UiContributor} fragments to signed-in users who are not administrators ({@link UiContext#admin()}
 * tells the fragment which kind of viewer it has, so it can leave out admin-only links).
 *
 * <p>Each entry is a path prefix inside the plugin's own namespaces ({@code /{id}} and {@code /api/{id}}): it opens
 * the path itself and everything below it ({@code /globus/tasks} opens {@code /globus/tasks/123}), never a sibling
 * ({@code /globus/tasksx}). A namespace root itself ({@code /globus}, {@code /api/globus}) opens only that exact path.
 * An entry outside the namespaces, or not a plain path ({@code ..}, {@code //}, {@code ?}, {@code %}), makes the plugin
 * fail to start. Opening a path is not a permission check: the route still decides per object with {@link Access}.
 *
 * <pre>{@code
 * @Extension
 * public class GlobusUserRoutes implements UserRoutes {
 *     public Set<String> userPaths() {
 *         return Set.of("/globus", "/globus/tasks", "/api/globus/tasks");   // /globus/service/... stays admin-only
 *     }
 * }
 * }</pre>
 */
public interface UserRoutes extends ExtensionPoint {

    /**
     * The path prefixes signed-in users may use. Asked at start (to check them) and again on each request, so the
     * answer may follow the configuration; keep it cheap. An empty set keeps every path administrators-only.
     */
    Set<String> userPaths();
}
