package org.sregistry.globus.connection;

import java.time.Instant;
import org.sregistry.globus.client.UserInfo;

/**
 * Whether the registry can act on Globus with its stored credentials, as checked against Globus.
 *
 * @param state            the verdict
 * @param identity         who logged in (null when unknown)
 * @param expiresAt        when the Transfer access token expires (null when unknown)
 * @param refreshAvailable whether a refresh token is stored (the access token renews itself)
 * @param problem          for {@link State#NEEDS_UPDATE} and {@link State#UNVERIFIED}: why, in plain words
 */
public record ConnectionStatus(State state, UserInfo identity, Instant expiresAt, boolean refreshAvailable,
                               String problem) {

    /** The verdicts. */
    public enum State {
        /** No login stored. */
        NO_TOKENS,
        /** Globus accepted the stored credentials (refreshing them if needed). */
        CONNECTED,
        /** Globus refused the stored credentials (refresh token revoked or expired): log in again. */
        NEEDS_UPDATE,
        /** Credentials are stored but Globus could not confirm them now (unreachable, error answer). */
        UNVERIFIED
    }

    /** Nothing stored. */
    public static ConnectionStatus noTokens() {
        return new ConnectionStatus(State.NO_TOKENS, null, null, false, null);
    }

    /** True when Globus accepted the credentials. */
    public boolean connected() {
        return state == State.CONNECTED;
    }

    /** True when tokens are stored and not refused (connected, or not confirmed just now). */
    public boolean usable() {
        return state == State.CONNECTED || state == State.UNVERIFIED;
    }

    /** True when a new login is needed (nothing stored, or refused). */
    public boolean loginNeeded() {
        return state == State.NO_TOKENS || state == State.NEEDS_UPDATE;
    }

    /** The identity's best display name, or null. */
    public String identityName() {
        return identity == null ? null : identity.displayName();
    }
}
