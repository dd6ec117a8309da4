package org.sregistry.host.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Times every request as {@code http_server_requests} tagged by method, status and the first
 * path segment (a bounded set, so URIs with ids don't explode the metric's cardinality).
 */
public final class HttpMetricsFilter implements Filter {
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
                    .tag("method", request.getMethod())
                    .tag("status", Integer.toString(response.getStatus()))
                    .tag("area", area(request.getRequestURI()))
                    .register(meters)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static String area(String uri) {
        String[] parts = uri.split("/");
        if (parts.length < 2 || parts[1].isEmpty()) {
            return "/";
        }
        if ("api".equals(parts[1]) && parts.length > 2) {
            return "/api/" + parts[2];
        }
        return "/" + parts[1];
    }
}
