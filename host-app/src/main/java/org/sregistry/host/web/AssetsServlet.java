package org.sregistry.host.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sregistry.host.http.RequestPath;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.api.UiContributor;

/**
 * Static files from class loaders: {@code /webjars/**} from the WebJars on the host classpath,
 * {@code /static/host/**} from the host, {@code /static/{pluginId}/**} from a started plugin's
 * {@link UiContributor#assetsFolder()}. Nothing is fetched from the internet.
 */
public final class AssetsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._@/-]+");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "map", "application/json",
            "woff2", "font/woff2",
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    private final transient PluginHost plugins;

    public AssetsServlet(PluginHost plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = RequestPath.of(request);
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            response.sendError(404);
            return;
        }
        Optional<Located> located = locate(path);
        if (located.isEmpty()) {
            response.sendError(404);
            return;
        }
        try (InputStream in = located.get().loader().getResourceAsStream(located.get().resource())) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
            // WebJar paths carry their version, so they never change; other assets may.
            response.setHeader("Cache-Control", path.startsWith("/webjars/") ? "public, max-age=31536000, immutable"
                    : "public, max-age=300");
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }

    private Optional<Located> locate(String path) {
        if (path.startsWith("/webjars/")) {
            return Optional.of(new Located(AssetsServlet.class.getClassLoader(), "META-INF/resources" + path));
        }
        if (path.startsWith("/static/host/")) {
            return Optional.of(new Located(AssetsServlet.class.getClassLoader(), path.substring(1)));
        }
        if (path.startsWith("/static/")) {
            String rest = path.substring("/static/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return Optional.empty();
            }
            String pluginId = rest.substring(0, slash);
            String file = rest.substring(slash + 1);
            for (PluginRecord plugin : plugins.started()) {
                if (!plugin.id().equals(pluginId)) {
                    continue;
                }
                for (UiContributor ui : plugin.contributions().ui()) {
                    String folder = ui.assetsFolder();
                    if (folder != null && plugin.classLoader().getResource(folder + "/" + file) != null) {
                        return Optional.of(new Located(plugin.classLoader(), folder + "/" + file));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private record Located(ClassLoader loader, String resource) {
    }
}
