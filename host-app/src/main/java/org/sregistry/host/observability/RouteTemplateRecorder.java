package org.sregistry.host.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Tells {@link HttpMetricsFilter} which route answered: the template Jersey matched (e.g.
 * {@code /api/container/{uri}}), never the path that was asked for. Templates come from code,
 * so the label has a fixed set of values however many different paths clients send.
 */
public final class RouteTemplateRecorder implements ContainerResponseFilter {
    /**
     * The request attribute (Jersey properties are servlet request attributes) holding the route;
     * the one name registry-core's plain servlets (the OCI API) set too.
     */
    public static final String ATTRIBUTE = org.sregistry.registry.oci.OciServlet.ROUTE_ATTRIBUTE;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo() instanceof ExtendedUriInfo info && !info.getMatchedTemplates().isEmpty()) {
            request.setProperty(ATTRIBUTE, route(info.getMatchedTemplates()));
        }
    }

    /** Jersey lists the templates innermost first; joined outermost first, regexes dropped. */
    static String route(List<UriTemplate> matched) {
        List<UriTemplate> outerFirst = new ArrayList<>(matched);
        Collections.reverse(outerFirst);
        StringBuilder route = new StringBuilder();
        for (UriTemplate template : outerFirst) {
            route.append('/').append(withoutRegexes(template.getTemplate()));
        }
        String joined = route.toString().replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code {uri: .+}} becomes {@code {uri}}. */
    private static String withoutRegexes(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inRegex = false;
        for (char c : template.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    inRegex = false;
                    out.append(c);
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                inRegex = true;
                continue;
            }
            if (!inRegex) {
                out.append(depth >= 1 && c == ' ' ? "" : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
