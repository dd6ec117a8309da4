package org.sregistry.globus.connection;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.EndpointScope;
import org.sregistry.globus.client.EndpointSearch;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.LoginRequiredException;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.StoredTokens;
import org.sregistry.globus.tokens.ConnectionTokens;

/**
 * Asks Globus whether the stored credentials still work: one cheap Transfer call (first page of the caller's
 * own endpoints, one result), without retries so a page never waits long for an unreachable Globus. An expired access token is refreshed on the way (and the refresh persisted), so a
 * registry that was idle for days is simply "connected" again; a refused refresh token means a new login.
 */
final class ConnectionChecker {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChecker.class);
    private static final EndpointSearch PROBE = EndpointSearch.scope(EndpointScope.MY_ENDPOINTS);

    private final ConnectionTokens store;
    private final GlobusClients clients;

    ConnectionChecker(ConnectionTokens store, GlobusClients clients) {
        this.store = store;
        this.clients = clients;
    }

    ConnectionStatus check() {
        ServiceRoots roots = ServiceRoots.of(clients.config());
        StoredTokens stored = store.read();
        if (stored.belongsElsewhere(roots)) {
            // never sent to the configured service: it is not the one that issued them
            return new ConnectionStatus(ConnectionStatus.State.NEEDS_UPDATE, null, null, false,
                    "The stored Globus tokens belong to another Globus service (" + stored.roots()
                            + "), not to the configured one (" + roots + ").");
        }
        if (transferToken(stored).isEmpty()) {
            return ConnectionStatus.noTokens();
        }
        try {
            clients.quickTransfer().searchEndpointsPage(PROBE, 0, 1);
            return status(ConnectionStatus.State.CONNECTED, null);
        } catch (LoginRequiredException e) {
            LOG.info("Globus refused the stored credentials ({}); a new login is needed", e.code());
            return status(ConnectionStatus.State.NEEDS_UPDATE,
                    "Globus refused the stored credentials (the refresh token was revoked or has expired).");
        } catch (GlobusApiException e) {
            if (e.credentialsRefused()) {
                LOG.info("Globus answered 401 to the stored credentials; a new login is needed");
                return status(ConnectionStatus.State.NEEDS_UPDATE,
                        "Globus refused the stored access token and no refresh token could renew it.");
            }
            LOG.warn("Cannot check the Globus credentials: {}", e.getMessage());
            return status(ConnectionStatus.State.UNVERIFIED, e.networkError()
                    ? "Globus did not answer (" + e.globusMessage() + ")."
                    : "Globus answered with an error: " + e.getMessage());
        }
    }

    private ConnectionStatus status(ConnectionStatus.State state, String problem) {
        StoredTokens now = store.readFor(ServiceRoots.of(clients.config())); // re-read: the check may have refreshed the token
        Optional<ResourceToken> transfer = transferToken(now);
        return new ConnectionStatus(state, now.identity(), transfer.map(ResourceToken::expiresAt).orElse(null),
                transfer.map(ResourceToken::hasRefreshToken).orElse(false), problem);
    }

    private static Optional<ResourceToken> transferToken(StoredTokens tokens) {
        return tokens.token(GlobusScopes.TRANSFER_RESOURCE_SERVER);
    }
}
