package org.sregistry.globus.connection;

import java.util.function.Supplier;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenRenewer;
import org.sregistry.globus.tokens.UserConnection;

/**
 * The renewer of a connection's tokens, chosen by where the stored login came from each time it is needed (a user
 * may disconnect and be connected again the other way while their clients are cached): the plugin's own Globus
 * client for {@code connect}, the host for {@code sign_in}. Without a plugin client id, only sign-in tokens renew.
 */
final class OriginRenewer implements TokenRenewer {
    private final Supplier<String> origin;
    private final TokenRenewer pluginClient;
    private final TokenRenewer host;

    /**
     * @param origin       the stored login's origin, read when asked
     * @param pluginClient the plugin's native app, or null when no client id is set
     * @param host         the host's sign-in client
     */
    OriginRenewer(Supplier<String> origin, TokenRenewer pluginClient, TokenRenewer host) {
        this.origin = origin;
        this.pluginClient = pluginClient;
        this.host = host;
    }

    @Override
    public TokenRenewer chosen() {
        return UserConnection.ORIGIN_SIGN_IN.equals(origin.get()) ? host : pluginClient;
    }

    @Override
    public ResourceToken renew(String resourceServer, String refreshToken) {
        return required().renew(resourceServer, refreshToken);
    }

    @Override
    public void revoke(String token) {
        required().revoke(token);
    }

    private TokenRenewer required() {
        TokenRenewer r = chosen();
        if (r == null) {
            throw new GlobusNotConfiguredException("PLUGIN_GLOBUS_CLIENT_ID is not "
                    + "set, so tokens of the plugin's own Globus login cannot be renewed or revoked");
        }
        return r;
    }
}
