package org.sregistry.globus.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URLs of the plugin's pages, with their query parameters encoded (templates escape them once more for HTML). */
final class Links {
    private Links() {
    }

    /** URL-encodes a query parameter value. */
    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The browser page of an endpoint ({@code /globus/e/{id}}, a path users may be given) at {@code path} (null = default directory), keeping a preselected image. */
    static String browse(String endpointId, String path, String send) {
        StringBuilder sb = new StringBuilder("/globus/e/").append(endpointId);
        char sep = '?';
        if (path != null) {
            sb.append(sep).append("path=").append(enc(path));
            sep = '&';
        }
        if (send != null && !send.isBlank()) {
            sb.append(sep).append("send=").append(enc(send));
        }
        return sb.toString();
    }

    /** The consent page for a collection, returning to {@code then} afterwards. */
    static String consent(String endpointId, String then) {
        return "/globus/consent/" + endpointId + (then == null ? "" : "?then=" + enc(then));
    }

    /** A local return address we accept: a plugin page, no scheme or host. */
    static String safeReturn(String then, String fallback) {
        if (then == null || !then.startsWith("/globus") || then.startsWith("//") || then.contains("\\")
                || then.length() > 2048 || then.chars().anyMatch(c -> c < 0x20)) {
            return fallback;
        }
        return then;
    }
}
