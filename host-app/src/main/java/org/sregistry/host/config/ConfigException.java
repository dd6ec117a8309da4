package org.sregistry.host.config;

/** A configuration value that cannot be used; the message names key, value source and expectation. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending key. */
    public String key() {
        return key;
    }
}
