package org.sregistry.globus;

import java.util.Optional;
import org.sregistry.api.Access;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;

/** No sign-in ever brought a grant (OpenID Connect off). */
final class NoSignInGrants implements SignInGrants {
    @Override
    public Optional<Grant> take(Access.Caller caller, String resourceServer) {
        return Optional.empty();
    }

    @Override
    public Grant refresh(String resourceServer, String refreshToken) {
        throw new GrantsUnavailableException("no sign-in grants in this test");
    }

    @Override
    public void revoke(String token) {
        throw new GrantsUnavailableException("no sign-in grants in this test");
    }
}
