package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * Globus Transfer v0.10 access rules of a guest collection (globus-sharing-oidc.md §1): create, get, delete and
 * pages of {@code access_list}. The caller needs the administrator or access_manager role on the collection
 * (restricted_administrator: view and delete only); otherwise Globus answers 403 {@code PermissionDenied}
 * ({@link GlobusApiException#permissionDenied()}). Same HTTP, retry, 401-refresh and error handling as
 * {@link TransferClient}, with the {@code transfer.api.globus.org} token of its {@link AccessTokenManager}.
 * Thread-safe.
 *
 * <p>Retries are safe: a retried create answers {@code Exists} ({@link GlobusApiException#exists()}), a retried
 * delete answers 404, which {@link #delete} counts as done.
 */
public final class AccessRuleClient {

    /** Largest {@code access_list} page asked for (Globus's limit is not documented; the simulator's is 1000). */
    public static final int ACCESS_LIST_PAGE = 1000;

    private static final String V = "v0.10/";

    private final GlobusClientConfig config;
    private final AccessTokenManager tokens;
    private final GlobusHttp http;

    /** A client for {@code config.transferRoot()} using the manager's Transfer token. */
    public AccessRuleClient(GlobusClientConfig config, AccessTokenManager tokens) {
        this.config = Objects.requireNonNull(config);
        this.tokens = Objects.requireNonNull(tokens);
        this.http = new GlobusHttp(config);
    }

    /**
     * {@code POST endpoint/{id}/access}: creates the rule and answers its id ({@code access_id}). An identical rule
     * → 409 {@code Exists}; no management role → 403 {@code PermissionDenied}; any other refusal (including the
     * undocumented "too many rules" one) is thrown with Globus's own code.
     */
    public String create(String collectionId, AccessRuleRequest request) {
        JsonNode json = http.send(ApiCall.transferPost(config.transferRoot(), access(collectionId),
                request.toJson().toString()), tokens);
        AccessRuleCreated created = GlobusJson.read(json, AccessRuleCreated.class);
        if (created.ruleId() == null) {
            throw new GlobusApiException(200, "InvalidResponse", "the access rule was created but Globus sent no "
                    + "access_id", created.requestId(), created.resource(), "POST", "/" + access(collectionId),
                    null, null, null);
        }
        return created.ruleId();
    }

    /** {@code GET endpoint/{id}/access/{rule_id}}; empty when the rule does not exist (404 other than EndpointNotFound). */
    public Optional<AccessRule> get(String collectionId, String ruleId) {
        try {
            return Optional.of(GlobusJson.read(http.send(ApiCall.transferGet(config.transferRoot(),
                    rule(collectionId, ruleId), new QueryString()), tokens), AccessRule.class));
        } catch (GlobusApiException e) {
            if (ruleMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code DELETE endpoint/{id}/access/{rule_id}}: true when deleted now, false when it was already gone (404) —
     * both mean the rule no longer exists. An unknown collection (404 {@code EndpointNotFound}) is thrown.
     */
    public boolean delete(String collectionId, String ruleId) {
        ApiCall call = new ApiCall("DELETE", config.transferRoot(), rule(collectionId, ruleId), new QueryString(),
                null, null, GlobusScopes.TRANSFER_RESOURCE_SERVER, true, true);
        try {
            http.send(call, tokens);
            return true;
        } catch (GlobusApiException e) {
            if (ruleMissing(e)) {
                return false;
            }
            throw e;
        }
    }

    /** One page of {@code GET endpoint/{id}/access_list} (role entries included, without {@code id}). */
    public AccessListPage listPage(String collectionId, int offset, int limit) {
        QueryString q = new QueryString().put("offset", offset).put("limit", limit);
        return GlobusJson.read(http.send(ApiCall.transferGet(config.transferRoot(),
                V + "endpoint/" + seg(collectionId) + "/access_list", q), tokens), AccessListPage.class);
    }

    /** A 404 about the rule, not about the collection. */
    private static boolean ruleMissing(GlobusApiException e) {
        return e.status() == 404 && !e.isCode("EndpointNotFound");
    }

    private static String access(String collectionId) {
        return V + "endpoint/" + seg(collectionId) + "/access";
    }

    private static String rule(String collectionId, String ruleId) {
        return access(collectionId) + "/" + seg(ruleId);
    }

    private static String seg(String id) {
        return QueryString.segment(Objects.requireNonNull(id, "id"));
    }
}
