package org.sregistry.globussim.transfer;

import org.sregistry.globussim.auth.RequestedScopes;
import org.sregistry.globussim.auth.TokenService;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TokenRecord;

/** Turns the bearer token of a Transfer request into a {@link Caller}, or a 401 {@code ClientError.AuthenticationFailed}. */
public final class TransferAuth {
    private final TokenService tokens;
    private final StateStore store;

    public TransferAuth(TokenService tokens, StateStore store) {
        this.tokens = tokens;
        this.store = store;
    }

    public Caller authenticate(Call call) {
        String bearer = call.bearerToken();
        if (bearer == null) {
            throw new ApiError(401, "ClientError.AuthenticationFailed", "No Authorization header found");
        }
        TokenRecord t = tokens.authenticate(bearer, RequestedScopes.TRANSFER_RS);
        Identity identity = t == null ? null : store.identity(t.identityId);
        if (identity == null) {
            throw new ApiError(401, "ClientError.AuthenticationFailed", "Token is not active");
        }
        return new Caller(identity, t);
    }
}
