package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code authorization_parameters} of a Globus error: what a new login must satisfy
 * (session requirements, required scopes). Lists are kept as lists; {@link #toQueryParams()} joins them with commas
 * the way the authorize URL expects.
 */
public record AuthorizationParameters(
        String sessionMessage,
        List<String> sessionRequiredIdentities,
        List<String> sessionRequiredSingleDomain,
        List<String> sessionRequiredPolicies,
        Boolean sessionRequiredMfa,
        List<String> requiredScopes,
        String prompt) {

    /** Reads the object leniently; lists may arrive as arrays or comma strings. Null node gives null. */
    public static AuthorizationParameters from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode mfa = node.get("session_required_mfa");
        return new AuthorizationParameters(
                text(node, "session_message"),
                list(node.get("session_required_identities")),
                list(node.get("session_required_single_domain")),
                list(node.get("session_required_policies")),
                mfa == null || mfa.isNull() ? null : mfa.asBoolean(),
                list(node.get("required_scopes")),
                text(node, "prompt"));
    }

    /** Authorize-URL query parameters for a re-login that satisfies these requirements (empty ones left out). */
    public Map<String, String> toQueryParams() {
        Map<String, String> params = new LinkedHashMap<>();
        putIfPresent(params, "session_message", sessionMessage);
        putList(params, "session_required_identities", sessionRequiredIdentities);
        putList(params, "session_required_single_domain", sessionRequiredSingleDomain);
        putList(params, "session_required_policies", sessionRequiredPolicies);
        if (Boolean.TRUE.equals(sessionRequiredMfa)) {
            params.put("session_required_mfa", "true");
        }
        putIfPresent(params, "prompt", prompt);
        return params;
    }

    static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull() && !n.asText().isBlank()) {
                    out.add(n.asText());
                }
            });
        } else {
            for (String part : node.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfPresent(Map<String, String> params, String key, String value) {
        if (value != null && !value.isBlank()) {
            params.put(key, value);
        }
    }

    private static void putList(Map<String, String> params, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            params.put(key, String.join(",", values));
        }
    }
}
