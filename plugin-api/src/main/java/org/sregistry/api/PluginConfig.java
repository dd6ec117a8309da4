package org.sregistry.api;

import java.util.Optional;

/**
 * Read (and, for admin actions, write) access to configuration values.
 *
 * <p>Values are resolved in layers: defaults &lt; config file &lt; environment &lt; flags, with
 * values saved from the admin page persisted into the config file. Read values when you need
 * them rather than caching them: an admin may change one while the server runs (a
 * {@link ConfigChangeListener} is told when one of the plugin's options changed, to act at once).
 */
public interface PluginConfig {

    /** The resolved value of {@code key}, or empty when it has none. */
    Optional<String> find(String key);

    /** The resolved value of {@code key}; throws {@link IllegalStateException} when it has none. */
    default String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("configuration key " + key + " has no value"));
    }

    /** The value as an int; throws {@link IllegalStateException} naming the key when not a number. */
    default int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key " + key + " is not a whole number: " + value);
        }
    }

    /** The value as a boolean ({@code true}, {@code yes}, {@code 1}, {@code on} are true). */
    default boolean getBoolean(String key) {
        return find(key).map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            default -> false;
        }).orElse(false);
    }

    /**
     * Saves {@code value} for {@code key} as an admin change, persisted to the config file.
     * Fails with {@link IllegalArgumentException} when the option's validator rejects it, and
     * with {@link IllegalStateException} when the environment or a flag fixes the key.
     */
    void set(String key, String value);
}
