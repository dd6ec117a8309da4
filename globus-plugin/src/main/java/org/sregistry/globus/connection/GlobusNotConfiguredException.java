package org.sregistry.globus.connection;

/** A Globus action needs a setting that has no value; the message says which and how to set it. */
public class GlobusNotConfiguredException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what is missing and how to set it */
    public GlobusNotConfiguredException(String message) {
        super(message);
    }
}
