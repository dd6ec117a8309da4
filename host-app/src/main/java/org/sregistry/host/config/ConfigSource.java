package org.sregistry.host.config;

/** Where a configuration value came from, lowest precedence first. */
public enum ConfigSource {
    DEFAULT("default"),
    FILE("file"),
    ADMIN("admin page"),
    ENV("environment"),
    FLAG("start flag");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** How the settings page names this source. */
    public String label() {
        return label;
    }

    /** True when an admin edit would not take effect (the value is fixed above the config file). */
    public boolean fixedAboveFile() {
        return this == ENV || this == FLAG;
    }
}
