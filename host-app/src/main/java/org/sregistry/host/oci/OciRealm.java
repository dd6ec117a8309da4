package org.sregistry.host.oci;

import jakarta.servlet.http.HttpServletRequest;
import org.sregistry.host.http.PublicUrl;

/**
 * Where clients fetch tokens and what the registry calls itself in them: the public URL when one
 * is configured, else the address the client used (its Host header, already checked against the
 * allow-list; scheme and host as a trusted proxy forwarded them).
 */
public final class OciRealm {
    /** The token endpoint's path. */
    public static final String TOKEN_PATH = "/v2/token";
    private final PublicUrl publicUrl;

    /** @param publicUrl {@code REGISTRY_PUBLIC_URL}, or null */
    public OciRealm(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** {@code https://registry.example.org}: scheme and authority, no path. */
    public String origin(HttpServletRequest request) {
        if (publicUrl != null) {
            return publicUrl.origin();
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host;
    }

    /** The service name: the registry's authority ({@code registry.example.org:5000}). */
    public String service(HttpServletRequest request) {
        String origin = origin(request);
        return origin.substring(origin.indexOf("://") + 3);
    }

    /** The challenge an unauthenticated client gets; {@code scope} may be null (base endpoint). */
    public String challenge(HttpServletRequest request, String scope, String error) {
        // exactly realm, service, scope, no spaces: oras-java's parser accepts nothing else
        StringBuilder b = new StringBuilder("Bearer realm=\"").append(origin(request)).append(TOKEN_PATH)
                .append("\",service=\"").append(service(request)).append('"');
        if (scope != null) {
            b.append(",scope=\"").append(scope).append('"');
        }
        if (error != null) {
            b.append(",error=\"").append(error).append('"');
        }
        return b.toString();
    }
}
