package org.sregistry.globus.client;

import java.util.Optional;

/**
 * Where the clients get tokens from and write refreshed ones back to (e.g. the plugin's token file, so a rotated
 * refresh token is persisted). Implementations must be thread-safe.
 */
public interface TokenProvider {

    /** The current token of a resource server, or empty when none is stored. */
    Optional<ResourceToken> token(String resourceServer);

    /** Called after a successful refresh with the merged token (new access token, possibly new refresh token). */
    void tokenRefreshed(ResourceToken token);
}
