package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Turns a non-2xx Globus answer (Transfer or Auth shape, or not JSON at all) into a {@link GlobusApiException}. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static GlobusApiException toException(int status, String body, String method, String path, boolean loginRequired) {
        JsonNode json = parse(body);
        String code = null;
        String message = null;
        String requestId = null;
        String resource = null;
        AuthorizationParameters authParams = null;
        List<String> required = new ArrayList<>();
        if (json != null && json.isObject()) {
            code = text(json, "code");
            message = text(json, "message");
            requestId = text(json, "request_id");
            resource = text(json, "resource");
            authParams = AuthorizationParameters.from(json.get("authorization_parameters"));
            // Auth API shape: {"errors":[{"code","detail","id",...}],"error","error_description"}
            JsonNode errors = json.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                if (code == null) {
                    code = text(first, "code");
                }
                if (message == null) {
                    message = text(first, "detail");
                }
                if (requestId == null) {
                    requestId = text(first, "id");
                }
                if (authParams == null) {
                    authParams = AuthorizationParameters.from(first.get("authorization_parameters"));
                }
            }
            String oauthError = text(json, "error");
            if (oauthError != null && (code == null || loginRequired)) {
                code = oauthError; // OAuth errors (invalid_grant) are the ones callers branch on
            }
            if (message == null) {
                message = text(json, "error_description");
            }
            required.addAll(AuthorizationParameters.list(json.get("required_scopes")));
            required.addAll(AuthorizationParameters.list(json.get("required_scope")));
            if (authParams != null) {
                required.addAll(authParams.requiredScopes());
            }
        } else if (body != null && !body.isBlank()) {
            message = body.length() > 300 ? body.substring(0, 300) + "..." : body.strip();
        }
        if (code == null) {
            code = "HTTP" + status;
        }
        List<String> distinct = required.stream().distinct().toList();
        if (loginRequired) {
            return new LoginRequiredException(status, code, message, requestId, method, path, null);
        }
        return new GlobusApiException(status, code, message, requestId, resource, method, path,
                authParams, distinct, null);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return GlobusJson.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
