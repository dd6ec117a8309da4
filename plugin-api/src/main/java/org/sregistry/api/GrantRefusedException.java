package org.sregistry.api;

/**
 * The sign-in provider refused a refresh token of a {@link SignInGrants.Grant} ({@code invalid_grant}): it was
 * revoked, it expired, or it was not issued to this registry. Retrying does not help; the user signs in again (or
 * connects another way). The message says so, without the token.
 */
public class GrantRefusedException extends RuntimeException {
    public GrantRefusedException(String message) {
        super(message);
    }
}
