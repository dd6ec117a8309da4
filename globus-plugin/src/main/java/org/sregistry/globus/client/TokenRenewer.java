package org.sregistry.globus.client;

/**
 * Renews and revokes tokens with the OAuth client they were issued to. The plugin's own logins were issued to its
 * native app ({@link GlobusAuthClient}); tokens handed over from a user's sign-in were issued to the registry's
 * sign-in client, whose secret only the host holds, so those go through the host. {@link AccessTokenManager} asks
 * its renewer and never needs to know which.
 */
public interface TokenRenewer {

    /**
     * New tokens for {@code refreshToken}, as one token of {@code resourceServer} (its refresh token is null when
     * the provider kept the old one; {@link ResourceToken#refreshedWith} merges).
     *
     * @throws LoginRequiredException the refresh token was refused (revoked, expired, issued to another client)
     * @throws GlobusApiException      the provider could not be asked now; the tokens may still be good
     */
    ResourceToken renew(String resourceServer, String refreshToken);

    /**
     * Revokes an access or refresh token (revoking a refresh token ends its access tokens too, at Globus).
     *
     * @throws GlobusApiException the provider could not be asked, or refused
     */
    void revoke(String token);

    /**
     * The renewer that acts for the tokens stored now, or null when they cannot be renewed. A plain renewer is
     * itself; one that chooses by where the stored tokens came from answers its choice, so that one refresh and the
     * revocation of its result (when a newer login replaced the tokens meanwhile) go to the same client.
     */
    default TokenRenewer chosen() {
        return this;
    }
}
