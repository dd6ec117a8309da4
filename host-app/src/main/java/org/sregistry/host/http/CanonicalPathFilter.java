package org.sregistry.host.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses, with 400, requests whose raw path differs from the path Jetty serves them under
 * ({@link RequestPath#ambiguous}), before any filter or servlet looks at them. Together with
 * every later filter judging {@link RequestPath#of}, no two parts of the server can disagree on
 * which resource a request is for (the {@code /static/../metrics} hole).
 */
public final class CanonicalPathFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (RequestPath.ambiguous(request)) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(400);
            response.setHeader("Connection", "close");
            response.setContentType("application/json;charset=utf-8");
            response.getWriter().write("{\"error\":\"bad_path\",\"message\":\"the request path has dot segments, ';'"
                    + " parameters or encodings that change its meaning: send the plain path\"}");
            return;
        }
        chain.doFilter(req, res);
    }
}
