package org.sregistry.globus.transfers;

/**
 * A Send or Bring that cannot go on for a reason the user can act on (the registry gave it up as interrupted while
 * it staged, a submission id in use): nothing was sent; answered with 409 and the message.
 */
public final class TransferConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message for the user. */
    public TransferConflictException(String message) {
        super(message);
    }
}
