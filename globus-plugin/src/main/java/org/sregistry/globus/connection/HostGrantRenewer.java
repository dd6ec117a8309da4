package org.sregistry.globus.connection;

import java.util.List;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.LoginRequiredException;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenRenewer;

/**
 * Renews and revokes the tokens of a connection made from the user's sign-in ({@code origin: sign_in}) through the
 * host's {@link SignInGrants}: they were issued to the registry's sign-in client, whose secret stays in the host.
 * A refused refresh token is a {@link LoginRequiredException} as with the plugin's own client (the user signs in or
 * connects again); a provider the host cannot ask now is a network-like {@link GlobusApiException} (the tokens are
 * kept and tried again later).
 */
final class HostGrantRenewer implements TokenRenewer {
    private static final String WHAT = "sign-in token";

    private final SignInGrants grants;

    HostGrantRenewer(SignInGrants grants) {
        this.grants = grants;
    }

    @Override
    public ResourceToken renew(String resourceServer, String refreshToken) {
        SignInGrants.Grant fresh;
        try {
            fresh = grants.refresh(resourceServer, refreshToken);
        } catch (GrantRefusedException e) {
            throw new LoginRequiredException(400, "invalid_grant", e.getMessage(), null, "POST", "refresh " + WHAT, e);
        } catch (GrantsUnavailableException e) {
            throw unavailable("refresh", e);
        }
        return new ResourceToken(resourceServer, fresh.accessToken(), fresh.refreshToken(), fresh.expiresAt(),
                fresh.scopes().isEmpty() ? null : String.join(" ", fresh.scopes()));
    }

    @Override
    public void revoke(String token) {
        try {
            grants.revoke(token);
        } catch (GrantsUnavailableException e) {
            throw unavailable("revoke", e);
        }
    }

    /** Like a Globus that did not answer: nothing says the tokens are bad. */
    private static GlobusApiException unavailable(String what, GrantsUnavailableException e) {
        return new GlobusApiException(0, GlobusApiException.NETWORK_ERROR, "the registry could not ask its sign-in "
                + "provider: " + e.getMessage(), null, null, "POST", what + " " + WHAT, null, List.of(), e);
    }
}
