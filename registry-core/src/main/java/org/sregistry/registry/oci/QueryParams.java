package org.sregistry.registry.oci;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Query parameters read from the query string only. {@code getParameter} would also parse a
 * form-encoded body, and a blob sent by {@code curl --data-binary} is labelled exactly so: it
 * would be swallowed as form fields before the upload reads it.
 */
final class QueryParams {
    private QueryParams() {
    }

    /** The first value of {@code name}, or null. */
    static String get(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OciException(OciError.UNSUPPORTED, 400, "malformed query string");
        }
    }
}
