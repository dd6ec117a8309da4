package org.sregistry.globus.client;

import java.net.URI;

/**
 * One logical Globus request: where it goes, its body, which token it needs and how failures are treated.
 *
 * @param path           relative to the service root, e.g. {@code v0.10/endpoint_search}
 * @param resourceServer bearer token to use, or null for none (auth token/revoke calls)
 * @param retry          apply the retry policy (false for token/revoke calls)
 * @param transferRules  Transfer's "ExternalError/EndpointError are final" exemption
 */
record ApiCall(String method, URI root, String path, QueryString query, String body, String contentType,
               String resourceServer, boolean retry, boolean transferRules) {

    static ApiCall transferGet(URI root, String path, QueryString query) {
        return new ApiCall("GET", root, path, query, null, null, GlobusScopes.TRANSFER_RESOURCE_SERVER, true, true);
    }

    static ApiCall transferPost(URI root, String path, String jsonBody) {
        return new ApiCall("POST", root, path, new QueryString(), jsonBody, jsonBody == null ? null : "application/json",
                GlobusScopes.TRANSFER_RESOURCE_SERVER, true, true);
    }

    URI uri() {
        String q = query == null || query.isEmpty() ? "" : "?" + query.encoded();
        return URI.create(root.toString() + path + q);
    }

    /** What we log: method and path, never the query or body. */
    String logPath() {
        return "/" + path;
    }
}
