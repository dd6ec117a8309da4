package org.sregistry.host.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer carries: no framing by other pages (clickjacking), no MIME sniffing, no
 * leaking referrers, and a Content-Security-Policy that lets pages load scripts, styles, images
 * and fonts from this origin only and run no inline script (so an injected {@code <script>} or
 * {@code onclick=} would not run even if escaping ever failed). Pico's icons are {@code data:}
 * SVGs in its CSS, hence {@code img-src data:}.
 */
public final class SecurityHeadersFilter implements Filter {
    /** The policy; pages and plugin fragments keep to it (no inline scripts, styles or handlers). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(req, res);
    }
}
