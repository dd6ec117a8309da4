package org.sregistry.globus.client;

import java.util.Optional;

/**
 * Where the clients get tokens from and write refreshed ones back to (e.g. the plugin's token file, so a rotated
 * refresh token is persisted). Implementations must be thread-safe.
 */
public interface TokenProvider {

    /** The current token of a resource server, or empty when none is stored. */
    Optional<ResourceToken> token(String resourceServer);

    /**
     * Called after a successful refresh of {@code used} with the merged token (new access token, possibly new
     * refresh token). Stores it only if the stored token is still {@code used} (same refresh token): false when
     * the tokens changed meanwhile (logout, new login) and the result was dropped.
     */
    boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed);
}
