package org.sregistry.host.plugins;

/** A plugin's state as the host reports it on {@code /settings} and {@code /api/plugins}. */
public enum PluginState {
    /** Loaded, not enabled: contributes nothing. */
    DISABLED,
    /** Enabled and contributing. */
    STARTED,
    /** Enabled but could not start (bad jar, exception, invalid configuration); see its error. */
    FAILED;

    /** Lower-case name for JSON and pages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
