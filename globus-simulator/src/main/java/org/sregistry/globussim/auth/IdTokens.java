package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Json;
import org.sregistry.globussim.store.Identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** OIDC claims for an identity, and a JWT-shaped (unverifiable) id_token carrying them. */
final class IdTokens {
    private IdTokens() {}

    static Map<String, Object> claims(Identity identity, String scope) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", identity.id);
        boolean profile = scope == null || scope.contains("profile");
        boolean email = scope == null || scope.contains("email");
        if (profile) {
            c.put("preferred_username", identity.username);
            c.put("name", identity.name);
            c.put("organization", identity.organization);
            c.put("identity_provider", "41143743-f3c8-4d60-bbdb-eeecaba85bd9");
            c.put("identity_provider_display_name", "Globus Simulator IdP");
            c.put("last_authentication", Instant.now().getEpochSecond());
        }
        if (email) c.put("email", identity.email);
        return c;
    }

    static String idToken(Identity identity, String clientId, String scope, long lifetimeSeconds) {
        Map<String, Object> payload = claims(identity, scope);
        long now = Instant.now().getEpochSecond();
        payload.put("iss", "https://auth.globus.org");
        payload.put("aud", clientId);
        payload.put("iat", now);
        payload.put("exp", now + lifetimeSeconds);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        try {
            return b64.encodeToString("{\"alg\":\"RS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(Json.MAPPER.writeValueAsBytes(payload)) + "."
                    + b64.encodeToString(Ids.alnum(64).getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
