package org.sregistry.globus.client;

import java.util.List;

/**
 * The stored Globus credentials cannot be used any more: no token stored, or the refresh token was rejected
 * ({@code invalid_grant}, revoked, expired after months unused). Only a new interactive login fixes it.
 */
public class LoginRequiredException extends GlobusApiException {

    /** From a rejected refresh grant. */
    public LoginRequiredException(int status, String code, String message, String requestId,
                                  String method, String path, Throwable cause) {
        super(status, code, message, requestId, null, method, path, null, List.of(), cause);
    }

    /** No usable token for the resource server at all. */
    public static LoginRequiredException noTokens(String resourceServer, String why) {
        return new LoginRequiredException(0, "LoginRequired",
                why + " for " + resourceServer + "; log in to Globus again", null, null, null, null);
    }

    @Override
    public boolean loginRequired() {
        return true;
    }
}
