package org.sregistry.host.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every request as {@code http_server_requests}, tagged by {@code method}, {@code status}
 * and {@code uri}. Every tag comes from a fixed set, whatever clients send (anonymous requests to
 * a million different paths must not make a million series): {@code uri} is the Jersey route
 * template that answered ({@link RouteTemplateRecorder}), else the servlet mapping that took the
 * request ({@code /metrics}, {@code /static/*}, {@code /webjars/*}), else {@code other} (refused
 * before routing, or no route matched); {@code method} is a standard method or {@code other}.
 */
public final class HttpMetricsFilter implements Filter {
    /** The label value for anything without a known route. */
    static final String OTHER = "other";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private final MeterRegistry meters;

    public HttpMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            Timer.builder("http.server.requests")
                    .tag("method", METHODS.contains(request.getMethod()) ? request.getMethod() : OTHER)
                    .tag("status", status(response.getStatus()))
                    .tag("uri", route(request))
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static String route(HttpServletRequest request) {
        if (request.getAttribute(RouteTemplateRecorder.ATTRIBUTE) instanceof String template) {
            return template;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        String pattern = mapping == null ? null : mapping.getPattern();
        // "/*" is Jersey's catch-all: without a template, nothing matched there
        return pattern == null || pattern.isEmpty() || "/*".equals(pattern) || "/".equals(pattern) ? OTHER : pattern;
    }

    /** Status codes are the server's own, but keep the label to three digits regardless. */
    private static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER;
    }
}
