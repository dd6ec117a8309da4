package org.sregistry.globus.connection;

import org.sregistry.globus.client.UserInfo;

/**
 * A completed login.
 *
 * @param identity who logged in, or null when userinfo could not be read
 */
public record LoginResult(UserInfo identity) {

    /** The identity's display name, or {@code "unknown identity"}. */
    public String identityName() {
        return identity == null ? "unknown identity" : identity.displayName();
    }
}
