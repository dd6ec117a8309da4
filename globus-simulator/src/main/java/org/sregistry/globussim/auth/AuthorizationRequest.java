package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Ids;

/** The query of {@code /v2/oauth2/authorize}, validated. */
public record AuthorizationRequest(String clientId, String redirectUri, String scope, String state,
                                   String codeChallenge, String codeChallengeMethod, String accessType, String nonce) {

    public static AuthorizationRequest from(Call call) {
        return from(call::param);
    }

    /** From any parameter source (a query string parsed by the Java API, or a request). */
    public static AuthorizationRequest from(java.util.function.Function<String, String> call) {
        String clientId = require(call, "client_id");
        String redirectUri = require(call, "redirect_uri");
        String scope = require(call, "scope");
        String responseType = orDefault(call.apply("response_type"), "code");
        if (!"code".equals(responseType)) throw ApiError.badRequest("Unsupported response_type '" + responseType + "'");
        if (!Ids.isUuid(clientId)) throw ApiError.badRequest("Invalid client_id '" + clientId + "'");
        String challenge = call.apply("code_challenge");
        String method = orDefault(call.apply("code_challenge_method"), challenge == null ? null : "plain");
        if (challenge != null && !"S256".equals(method)) {
            throw ApiError.badRequest("Unsupported code_challenge_method '" + method + "' (only S256)");
        }
        RequestedScopes.parse(scope); // reject unknown scopes up front
        return new AuthorizationRequest(clientId, redirectUri, scope, orDefault(call.apply("state"), "_default"),
                challenge, method, orDefault(call.apply("access_type"), "online"), orDefault(call.apply("nonce"), null));
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String require(java.util.function.Function<String, String> call, String name) {
        String v = call.apply(name);
        if (v == null || v.isBlank()) throw ApiError.badRequest("Missing required parameter '" + name + "'");
        return v;
    }

    public boolean offline() { return "offline".equals(accessType); }
}
