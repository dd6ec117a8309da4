package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens of one Globus Auth token response, indexed by {@code resource_server} (the top-level token and the
 * {@code other_tokens} are equal citizens; which one is on top is not defined). Holds the {@code id_token} and
 * {@code state} when present. {@link #toString()} never shows token text.
 */
public record TokenSet(Map<String, ResourceToken> byResourceServer, String idToken, String state) {

    public TokenSet {
        byResourceServer = Collections.unmodifiableMap(new LinkedHashMap<>(byResourceServer));
    }

    /** Parses a token response; {@code now} turns {@code expires_in} into an absolute expiry. */
    public static TokenSet fromResponse(JsonNode json, Instant now) {
        Map<String, ResourceToken> tokens = new LinkedHashMap<>();
        addToken(tokens, json, now);
        JsonNode others = json.get("other_tokens");
        if (others != null && others.isArray()) {
            others.forEach(t -> addToken(tokens, t, now));
        }
        return new TokenSet(tokens, text(json, "id_token"), text(json, "state"));
    }

    private static void addToken(Map<String, ResourceToken> tokens, JsonNode node, Instant now) {
        String access = text(node, "access_token");
        if (access == null) {
            return;
        }
        JsonNode expiresIn = node.get("expires_in");
        Instant expiresAt = expiresIn == null || expiresIn.isNull() ? null : now.plusSeconds(expiresIn.asLong());
        String rs = text(node, "resource_server");
        tokens.put(rs, new ResourceToken(rs, access, text(node, "refresh_token"), expiresAt, text(node, "scope")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The token for a resource server, if the response had one. */
    public Optional<ResourceToken> get(String resourceServer) {
        return Optional.ofNullable(byResourceServer.get(resourceServer));
    }

    /** The Transfer token, if any. */
    public Optional<ResourceToken> transfer() {
        return get(GlobusScopes.TRANSFER_RESOURCE_SERVER);
    }

    /** The Auth token (openid/profile/email), if any. */
    public Optional<ResourceToken> auth() {
        return get(GlobusScopes.AUTH_RESOURCE_SERVER);
    }

    @Override
    public String toString() {
        return "TokenSet[" + byResourceServer.values() + ", idToken=" + (idToken == null ? "none" : "<redacted>")
                + ", state=" + state + "]";
    }
}
