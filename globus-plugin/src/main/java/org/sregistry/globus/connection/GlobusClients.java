package org.sregistry.globus.connection;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.RetryPolicy;
import org.sregistry.globus.client.TokenRenewer;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.tokens.ConnectionTokens;
import org.sregistry.globus.tokens.ServiceRoots;

/**
 * The Globus clients built from one set of settings (service roots and client id). {@link GlobusServices}
 * builds a new set when those settings change.
 *
 * @param config   the shared client configuration
 * @param auth     Globus Auth, or empty when no client id is configured (no login, no refresh)
 * @param tokens   access tokens from the token file, refreshed (and written back) when possible
 * @param transfer Globus Transfer with those tokens
 * @param quickTransfer the same, without retries and with a short timeout: for checks a person waits for (a page
 *                 load, {@code status}), which should fail fast rather than back off for a minute
 */
public record GlobusClients(GlobusClientConfig config, Optional<GlobusAuthClient> auth, AccessTokenManager tokens,
                            TransferClient transfer, TransferClient quickTransfer) {

    /** What the clients were built from; a different key means rebuild. */
    record Key(URI authRoot, URI transferRoot, String clientId) {
    }

    /**
     * The clients of one connection for {@code key}, over its {@code tokens}: refreshes go to the plugin's own client
     * or, for tokens from a sign-in, to {@code host} ({@link OriginRenewer}).
     */
    static GlobusClients build(Key key, ConnectionTokens tokens, HttpClient http, Clock clock, TokenRenewer host) {
        GlobusClientConfig config = GlobusClientConfig.builder()
                .authRoot(key.authRoot())
                .transferRoot(key.transferRoot())
                .clientId(key.clientId())
                .clock(clock)
                .httpClient(http)
                .build();
        Optional<GlobusAuthClient> auth = key.clientId() == null ? Optional.empty()
                : Optional.of(new GlobusAuthClient(config));
        TokenRenewer renewer = new OriginRenewer(tokens::origin, auth.orElse(null), host);
        AccessTokenManager manager = new AccessTokenManager(tokens.provider(ServiceRoots.of(config)), renewer, clock);
        GlobusClientConfig quick = GlobusClientConfig.builder()
                .authRoot(key.authRoot())
                .transferRoot(key.transferRoot())
                .clientId(key.clientId())
                .clock(clock)
                .httpClient(http)
                .retryPolicy(RetryPolicy.none())
                .requestTimeout(GlobusServices.QUICK_TIMEOUT)
                .build();
        return new GlobusClients(config, auth, manager, new TransferClient(config, manager),
                new TransferClient(quick, manager));
    }
}
