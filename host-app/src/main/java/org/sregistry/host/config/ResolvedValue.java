package org.sregistry.host.config;

/**
 * A configuration value and where it came from.
 *
 * @param key    the key
 * @param value  the value, or null when unset
 * @param source its source (meaningless when value is null)
 */
public record ResolvedValue(String key, String value, ConfigSource source) {
    /** True when the key has a value. */
    public boolean isSet() {
        return value != null;
    }
}
