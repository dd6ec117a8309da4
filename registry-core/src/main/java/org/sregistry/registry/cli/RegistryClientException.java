package org.sregistry.registry.cli;

import java.io.IOException;

/** The server answered with an error; the message is the server's. */
public class RegistryClientException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public RegistryClientException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
