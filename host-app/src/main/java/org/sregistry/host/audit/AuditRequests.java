package org.sregistry.host.audit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * Keeps the request being handled on this thread, so that {@link Audit#record(String, String,
 * Audit.Outcome, java.util.Map)} finds the client address (already the one trusted proxies
 * forwarded) and, on {@code /v2/}, the user {@code RegistryOciAccess} accepted. Runs before the
 * auth filter.
 */
public final class AuditRequests implements Filter {
    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();

    /** The request on this thread, if any. */
    public static Optional<HttpServletRequest> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest previous = CURRENT.get();
        CURRENT.set((HttpServletRequest) request);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
