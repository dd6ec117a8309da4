package org.sregistry.globus.consent;

import java.util.Map;
import java.util.Optional;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.tokens.ServiceRoots;

/**
 * Picks the Transfer client of a connection for work on a collection: the one with a stored {@code data_access}
 * consent token for it when the connection has one (stored by "Grant access" or {@code registry globus consent}),
 * else the login's. A consent token is a full Transfer token, so it also works for every other collection of the
 * same task.
 */
public final class ConsentClients {

    private ConsentClients() {
    }

    /** The quick (no retry, short timeout) client of {@code connection} for a page or API read on the collections. */
    public static TransferClient quickFor(Connection connection, String... collectionIds) {
        return choose(connection, connection.quickTransfer(), collectionIds);
    }

    /** The retrying client (submits are safe to retry: same submission id) of {@code connection}. */
    public static TransferClient fullFor(Connection connection, String... collectionIds) {
        return choose(connection, connection.transfer(), collectionIds);
    }

    private static TransferClient choose(Connection connection, TransferClient base, String... collectionIds) {
        for (String id : collectionIds) {
            if (id == null) {
                continue;
            }
            Optional<String> key = consentKey(connection, id);
            if (key.isPresent()) {
                AccessTokenManager tokens = new AccessTokenManager(connection.tokens().consentProvider(key.get(),
                        ServiceRoots.of(connection.clients().config())), connection.clients().auth().orElse(null),
                        connection.clients().config().clock());
                return base.withTokens(tokens);
            }
        }
        return base;
    }

    private static Optional<String> consentKey(Connection connection, String collectionId) {
        String needle = GlobusScopes.dataAccess(collectionId);
        Map<String, ResourceToken> consents = connection.usableTokens().consentTokens();
        return consents.keySet().stream().filter(k -> k.contains(needle)).findFirst();
    }
}
