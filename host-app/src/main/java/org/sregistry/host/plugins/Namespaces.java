package org.sregistry.host.plugins;

import jakarta.ws.rs.Path;
import java.util.regex.Pattern;

/** A plugin may only claim {@code /{id}/...} and {@code /api/{id}/...}; this enforces it. */
final class Namespaces {
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+/?");

    private Namespaces() {
    }

    /** Throws {@link IllegalStateException} when {@code resource} claims a path outside the plugin's namespace. */
    static void check(String pluginId, Object resource) {
        Class<?> type = resource instanceof Class<?> c ? c : resource.getClass();
        Path path = type.getAnnotation(Path.class);
        if (path == null) {
            return; // a provider (mapper, filter, body writer), not a resource
        }
        String value = path.value().replaceAll("^/+|/+$", "");
        if (!(under(value, pluginId) || under(value, "api/" + pluginId))) {
            throw new IllegalStateException("resource " + type.getName() + " claims /" + value
                    + ", outside /" + pluginId + " and /api/" + pluginId);
        }
    }

    /**
     * Throws {@link IllegalStateException} when a {@link org.sregistry.api.UserRoutes} entry is not a plain path
     * inside the plugin's namespace.
     */
    static void checkUserPath(String pluginId, String prefix) {
        if (prefix == null || !PLAIN_PATH.matcher(prefix).matches()) {
            throw new IllegalStateException("user path " + (prefix == null ? "null" : "'" + prefix + "'")
                    + " is not a plain path such as /" + pluginId + "/tasks");
        }
        String value = strip(prefix);
        if (!(under(value, "/" + pluginId) || under(value, "/api/" + pluginId))) {
            throw new IllegalStateException("user path " + prefix + " lies outside /" + pluginId + " and /api/"
                    + pluginId + ": a plugin may only open its own paths to users");
        }
    }

    /**
     * True when {@code path} (normalised) is opened by the checked entry {@code prefix}: the path itself or below it,
     * and for a namespace root only the root itself.
     */
    static boolean opens(String pluginId, String prefix, String path) {
        String value = strip(prefix);
        if (value.equals("/" + pluginId) || value.equals("/api/" + pluginId)) {
            return path.equals(value) || path.equals(value + "/");
        }
        return under(path, value);
    }

    private static String strip(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
