package org.sregistry.api;

/**
 * {@link SignInGrants} could not ask the sign-in provider: it is unreachable or answered with an error other than a
 * refused grant, OpenID Connect sign-in is off, or this is the CLI (which never refreshes or revokes for the server).
 * The tokens may still be good: keep them and try again later. The message says which, without the token.
 */
public class GrantsUnavailableException extends RuntimeException {
    public GrantsUnavailableException(String message) {
        super(message);
    }
}
