package org.sregistry.host.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.sregistry.host.http.RequestPath;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginRecord;

/**
 * Sets the thread context class loader to the plugin's loader for requests in a plugin's
 * namespace ({@code /{id}/...}, {@code /api/{id}/...}), so ServiceLoader-based libraries used by
 * the plugin see its classes.
 */
public final class PluginLoaderFilter implements Filter {
    private final PluginHost plugins;

    public PluginLoaderFilter(PluginHost plugins) {
        this.plugins = plugins;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String uri = RequestPath.of((HttpServletRequest) req);
        String[] parts = uri.split("/", 4);
        String candidate = parts.length > 1 ? parts[1] : "";
        if ("api".equals(candidate) && parts.length > 2) {
            candidate = parts[2];
        }
        ClassLoader loader = null;
        if (!candidate.isEmpty()) {
            for (PluginRecord plugin : plugins.started()) {
                if (plugin.id().equals(candidate)) {
                    loader = plugin.classLoader();
                }
            }
        }
        if (loader == null) {
            chain.doFilter(req, res);
            return;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            chain.doFilter(req, res);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
