package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scope request split by resource server, the way Globus Auth issues one token per resource server.
 * Understands dependent-scope syntax: {@code urn:...:transfer.api.globus.org:all[*https://auth.globus.org/scopes/ID/data_access]}
 * grants {@code data_access} consent for collection ID on the transfer token.
 */
public final class RequestedScopes {
    public static final String AUTH_RS = "auth.globus.org";
    public static final String TRANSFER_RS = "transfer.api.globus.org";
    public static final String TRANSFER_SCOPE = "urn:globus:auth:scope:transfer.api.globus.org:all";

    private static final Pattern URN = Pattern.compile("urn:globus:auth:scope:([^:\\[\\]\\s]+):([^\\[\\]\\s]+)");
    private static final Pattern URL = Pattern.compile("https://auth\\.globus\\.org/scopes/([^/\\[\\]\\s]+)/([^\\[\\]\\s]+)");

    /** What one resource server's token grants. */
    public static final class Grant {
        public final List<String> scopes = new ArrayList<>();
        public final Set<String> consents = new LinkedHashSet<>();

        public String scopeString() { return String.join(" ", scopes); }
    }

    private final Map<String, Grant> byServer = new LinkedHashMap<>();

    private RequestedScopes() {}

    public static RequestedScopes parse(String scopeString) {
        if (scopeString == null || scopeString.isBlank()) throw invalidScope("No scopes requested");
        RequestedScopes out = new RequestedScopes();
        for (String item : splitTopLevel(scopeString.trim())) {
            String base = item;
            String deps = "";
            int bracket = item.indexOf('[');
            if (bracket >= 0) {
                if (!item.endsWith("]")) throw invalidScope("Unbalanced brackets in scope '" + item + "'");
                base = item.substring(0, bracket);
                deps = item.substring(bracket + 1, item.length() - 1);
            }
            Grant grant = out.byServer.computeIfAbsent(resourceServerOf(base), k -> new Grant());
            if (!grant.scopes.contains(base)) grant.scopes.add(base);
            for (String dep : splitTopLevel(deps)) {
                String d = dep.startsWith("*") ? dep.substring(1) : dep;
                int inner = d.indexOf('[');
                if (inner >= 0) d = d.substring(0, inner);
                Matcher m = URL.matcher(d);
                if (m.matches() && m.group(2).equals("data_access")) grant.consents.add(m.group(1));
            }
        }
        return out;
    }

    /** The resource server a scope belongs to. */
    static String resourceServerOf(String scope) {
        switch (scope) {
            case "openid": case "profile": case "email": return AUTH_RS;
            default:
        }
        Matcher urn = URN.matcher(scope);
        if (urn.matches()) return urn.group(1);
        Matcher url = URL.matcher(scope);
        if (url.matches()) return url.group(1);
        throw invalidScope("Unknown scope '" + scope + "'");
    }

    private static ApiError invalidScope(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_scope");
        body.put("error_description", message);
        return new ApiError(400, "invalid_scope", message).rawBody(body);
    }

    /** Splits on whitespace outside brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '[') depth++;
            if (c == ']') depth--;
            if (Character.isWhitespace(c) && depth == 0) {
                if (cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) out.add(cur.toString());
        return out;
    }

    public Map<String, Grant> byServer() { return byServer; }

    public boolean includesOpenId() {
        Grant g = byServer.get(AUTH_RS);
        return g != null && g.scopes.contains("openid");
    }
}
