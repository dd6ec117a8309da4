package org.sregistry.host.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what a /v2/token answer grants (the JWT's access claim), as a client would see it. */
final class OciTokenClaims {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciTokenClaims() {
    }

    static String token(String body) {
        try {
            return JSON.readTree(body).get("token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("not a token answer: " + body, e);
        }
    }

    /** The actions granted on {@code repository}, comma-separated ("" when the scope was left out). */
    @SuppressWarnings("unchecked")
    static String grantedActions(String body, String repository) {
        try {
            Object access = SignedJWT.parse(token(body)).getJWTClaimsSet().getClaim("access");
            List<String> actions = new ArrayList<>();
            for (Object grant : (List<Object>) access) {
                Map<String, Object> g = (Map<String, Object>) grant;
                if (repository.equals(g.get("name"))) {
                    actions.addAll((List<String>) g.get("actions"));
                }
            }
            return String.join(",", actions);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
