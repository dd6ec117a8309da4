package org.sregistry.globus.connection;

/** What was entered as the login code cannot be one (empty, too long, spaces inside). Nothing was sent. */
public class InvalidCodeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with it */
    public InvalidCodeException(String message) {
        super(message);
    }
}
