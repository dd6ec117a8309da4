package org.sregistry.globus.consent;

import java.util.Map;
import java.util.Optional;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.tokens.ServiceRoots;

/**
 * Picks the Transfer client for work on a collection: the one with a stored {@code data_access} consent token
 * for it when there is one (stored by "Grant access" or {@code registry globus consent}), else the login's.
 * A consent token is a full Transfer token, so it also works for every other collection of the same task.
 */
public final class ConsentClients {
    private final GlobusServices services;

    /** Clients over the plugin's token store. */
    public ConsentClients(GlobusServices services) {
        this.services = services;
    }

    /** The quick (no retry, short timeout) client for a page or API read on {@code collectionIds}. */
    public TransferClient quickFor(String... collectionIds) {
        return choose(services.clients().quickTransfer(), collectionIds);
    }

    /** The retrying client (submits are safe to retry: same submission id) for {@code collectionIds}. */
    public TransferClient fullFor(String... collectionIds) {
        return choose(services.transfer(), collectionIds);
    }

    /** True when a consent token for the collection is stored. */
    public boolean hasConsent(String collectionId) {
        return consentKey(collectionId).isPresent();
    }

    private TransferClient choose(TransferClient base, String... collectionIds) {
        for (String id : collectionIds) {
            if (id == null) {
                continue;
            }
            Optional<String> key = consentKey(id);
            if (key.isPresent()) {
                AccessTokenManager tokens = new AccessTokenManager(services.tokenStore().consentProvider(key.get(),
                        ServiceRoots.of(services.clients().config())), services.clients().auth().orElse(null),
                        services.context().clock());
                return base.withTokens(tokens);
            }
        }
        return base;
    }

    private Optional<String> consentKey(String collectionId) {
        String needle = GlobusScopes.dataAccess(collectionId);
        Map<String, ResourceToken> consents = services.usableTokens().consentTokens();
        return consents.keySet().stream().filter(k -> k.contains(needle)).findFirst();
    }
}
