package org.sregistry.globus.browse;

/** A caller's mistake in an endpoint id, path or name: answered with 400 and this message. */
public class InvalidInputException extends IllegalArgumentException {
    /** With a message that says what is expected. */
    public InvalidInputException(String message) {
        super(message);
    }
}
