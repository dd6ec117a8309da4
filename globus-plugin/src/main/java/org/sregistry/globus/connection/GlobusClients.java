package org.sregistry.globus.connection;

import java.net.URI;
import java.util.Optional;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.TransferClient;

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
}
