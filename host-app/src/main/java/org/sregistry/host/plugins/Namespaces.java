package org.sregistry.host.plugins;

import jakarta.ws.rs.Path;

/** A plugin may only claim {@code /{id}/...} and {@code /api/{id}/...}; this enforces it. */
final class Namespaces {
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

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
