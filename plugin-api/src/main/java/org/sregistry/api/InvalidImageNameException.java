package org.sregistry.api;

/** Thrown when a string is not a valid image name; the message says what is wrong. */
public class InvalidImageNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the offending part */
    public InvalidImageNameException(String message) {
        super(message);
    }
}
