package org.sregistry.globus.consent;

import java.util.ArrayList;
import java.util.List;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusScopes;

/**
 * What a consent login for one GCS v5 collection asks for: the scopes to request and the key the resulting
 * transfer token is stored under (the requested transfer scope string, which names the collection's
 * {@code data_access} dependency, so {@code StoredTokens.consentTokenFor(id)} finds it).
 *
 * @param collectionId the collection needing {@code data_access} consent
 * @param scopes       the scopes to add to the login
 * @param key          the token store key (the transfer scope with its dependency)
 */
public record ConsentScope(String collectionId, List<String> scopes, String key) {

    public ConsentScope {
        scopes = List.copyOf(scopes);
    }

    /** The transfer scope with {@code collectionId}'s data_access dependency (globus-api.md §2.3). */
    public static ConsentScope forCollection(String collectionId) {
        String scope = GlobusScopes.transferWithDataAccess(List.of(collectionId));
        return new ConsentScope(collectionId, List.of(scope), scope);
    }

    /**
     * The scopes a {@code ConsentRequired} answer asked for, when they name this collection; otherwise the
     * computed dependency (Globus's own list is preferred: it may carry more than we know).
     */
    public static ConsentScope fromError(String collectionId, GlobusApiException error) {
        List<String> required = error == null ? List.of() : error.requiredScopes();
        String needle = GlobusScopes.dataAccess(collectionId);
        List<String> scopes = new ArrayList<>();
        String key = null;
        for (String scope : required) {
            scopes.add(scope);
            if (key == null && scope.startsWith(GlobusScopes.TRANSFER_ALL) && scope.contains(needle)) {
                key = scope;
            }
        }
        return key == null ? forCollection(collectionId) : new ConsentScope(collectionId, scopes, key);
    }
}
