package org.sregistry.globus.tokens;

/**
 * A Globus identity is already connected to another registry account. One identity serves one account, because
 * access rules name identities: a shared one would blur who may read which folder.
 */
public final class IdentityInUseException extends RuntimeException {
    /** The identity {@code identityName} is connected to another account. */
    public IdentityInUseException(String identityName) {
        super("The Globus identity " + identityName + " is already connected to another registry account. Log in "
                + "to Globus as your own identity (use \"Log in with a different account\" on the Globus page), or "
                + "ask that account to disconnect it.");
    }
}
