package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6749 token-endpoint errors ({@code {"error":"invalid_grant","error_description":...}}). */
final class OAuthErrors {
    private OAuthErrors() {}

    static ApiError invalidGrant(String description) { return error(400, "invalid_grant", description); }
    static ApiError invalidRequest(String description) { return error(400, "invalid_request", description); }
    static ApiError unsupportedGrantType(String description) { return error(400, "unsupported_grant_type", description); }

    static ApiError error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new ApiError(status, error, description).rawBody(body);
    }
}
