package org.sregistry.globus.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TokenRenewer;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.tokens.ConnectionTokens;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.StoredTokens;

/**
 * One Globus identity the registry acts as: the registry's own (service) connection, or a user's own. Its tokens,
 * its clients (refreshing and writing back to where its tokens live), its login, check and logout. Made by
 * {@link Connections}.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String user;
    private final ConnectionTokens tokens;
    private final GlobusClients clients;
    private final java.time.Clock clock;
    private final String grantLabel;

    Connection(String user, ConnectionTokens tokens, GlobusClients clients, java.time.Clock clock,
               String grantLabel) {
        this.user = user;
        this.tokens = tokens;
        this.clients = clients;
        this.clock = clock;
        this.grantLabel = grantLabel;
    }

    /** True for the registry's own connection ({@code tokens.json}). */
    public boolean isService() {
        return user == null;
    }

    /** The registry user whose connection this is; null for the service connection. */
    public String user() {
        return user;
    }

    /** Where its tokens live. */
    public ConnectionTokens tokens() {
        return tokens;
    }

    /** Its clients. */
    public GlobusClients clients() {
        return clients;
    }

    /** Globus Transfer with retries (submits, the import task). */
    public TransferClient transfer() {
        return clients.transfer();
    }

    /** Globus Transfer without retries and with a short timeout (pages, checks a person waits for). */
    public TransferClient quickTransfer() {
        return clients.quickTransfer();
    }

    /** The stored tokens if they belong to the configured services, else nothing. */
    public StoredTokens usableTokens() {
        return tokens.readFor(ServiceRoots.of(clients.config()));
    }

    /** True when a Transfer token is stored for the configured services. */
    public boolean hasTransferToken() {
        return usableTokens().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).isPresent();
    }

    /**
     * Changes whenever its tokens are written (login, refresh, consent, logout) or the service roots change; caches
     * of what Globus showed this identity are keyed by it.
     */
    public Object credentialsVersion() {
        return (user == null ? "" : user) + " " + tokens.read().updatedAt() + " " + ServiceRoots.of(clients.config());
    }

    /** The Globus identity id, when known. */
    public Optional<String> identityId() {
        StoredTokens stored = usableTokens();
        return stored.identity() == null ? Optional.empty() : Optional.ofNullable(stored.identity().sub());
    }

    /** What a ledger record keeps of this connection (null for the service connection). */
    public ConnectionRef ref() {
        return isService() ? null : new ConnectionRef(user, identityId().orElse(null));
    }

    /** The login flow storing into this connection. */
    public GlobusLogin login() {
        return new GlobusLogin(clients, tokens, clock, grantLabel);
    }

    /** Checks the stored credentials against Globus (one Transfer request; refreshes an expired token). */
    public ConnectionStatus status() {
        return new ConnectionChecker(tokens, clients).check();
    }

    /**
     * Revokes every stored token at Globus (login and consent tokens) and forgets them, also when a revocation
     * fails: the owner asked for the registry to forget them. Each token is revoked by the client it was issued to:
     * the login's by its renewer (the host's sign-in client for a connection made from a sign-in), consents always
     * by the plugin's own client (consent is asked for with its login).
     */
    public LogoutResult logout() {
        StoredTokens stored = tokens.read();
        List<String> failures = new ArrayList<>();
        ServiceRoots roots = ServiceRoots.of(clients.config());
        int revoked = 0;
        if (stored.belongsElsewhere(roots)) {
            // revoking would send them to a service that did not issue them: only delete them
            failures.add("the stored tokens belong to another Globus service (" + stored.roots()
                    + "), so they were not revoked, only deleted");
        } else {
            revoked += revokeAll(stored.tokens().values(), clients.tokens().renewer(), failures);
            revoked += revokeAll(stored.consentTokens().values(), clients.auth().map(a -> (TokenRenewer) a),
                    failures);
        }
        boolean had = tokens.delete();
        LOG.info("Globus logout of {}: {} tokens revoked, {} failures, tokens {}", describe(), revoked,
                failures.size(), had ? "deleted" : "were absent");
        return new LogoutResult(had || !stored.tokens().isEmpty() || !stored.consentTokens().isEmpty(), revoked,
                failures);
    }

    private static int revokeAll(Collection<ResourceToken> all, Optional<TokenRenewer> issuer, List<String> failures) {
        if (all.isEmpty()) {
            return 0;
        }
        if (issuer.isEmpty()) {
            failures.add("PLUGIN_GLOBUS_CLIENT_ID is not set, so the tokens could not be revoked at Globus");
            return 0;
        }
        int revoked = 0;
        for (ResourceToken token : all) {
            for (String secret : new String[] {token.refreshToken(), token.accessToken()}) {
                if (secret == null || secret.isBlank()) {
                    continue;
                }
                try {
                    issuer.get().revoke(secret);
                    revoked++;
                } catch (GlobusApiException e) {
                    failures.add("revoking a " + token.resourceServer() + " token failed: " + e.getMessage());
                }
            }
        }
        return revoked;
    }

    /** "the service connection" or "alice's connection", for logs and messages. */
    public String describe() {
        return isService() ? "the registry's service connection" : user + "'s connection";
    }
}
