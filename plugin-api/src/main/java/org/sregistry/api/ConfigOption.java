package org.sregistry.api;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One typed configuration option a plugin offers. The host merges it into the layered
 * configuration, shows it on {@code /settings} and validates it before the plugin starts.
 *
 * @param key              the key, by convention {@code PLUGIN_<ID>_*} (e.g. {@code PLUGIN_GLOBUS_ENDPOINT})
 * @param type             the value's type, checked before the validator runs
 * @param defaultValue     the default, or {@code null}
 * @param description      one sentence for the settings page
 * @param secret           secrets are write-only on the page and never logged
 * @param required         the plugin does not start without a value
 * @param validator        further checks; may be {@code null}
 * @param generatedDefault when there is no value, this generates one once and the host persists it;
 *                         may be {@code null}
 */
public record ConfigOption(
        String key,
        Type type,
        String defaultValue,
        String description,
        boolean secret,
        boolean required,
        Validator validator,
        Supplier<String> generatedDefault) {

    /** The value types the host knows how to check and edit. */
    public enum Type { STRING, INTEGER, BOOLEAN, UUID, URL, PATH }

    /** Checks a value; answers an error message (what is expected) or empty when valid. */
    @FunctionalInterface
    public interface Validator {
        /** @return empty when {@code value} is valid, else a message saying what is expected. */
        Optional<String> check(String value);
    }

    public ConfigOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** Starts a builder for an option of the given key and type. */
    public static Builder builder(String key, Type type) {
        return new Builder(key, type);
    }

    /** Fluent builder of a {@link ConfigOption}. */
    public static final class Builder {
        private final String key;
        private final Type type;
        private String defaultValue;
        private String description;
        private boolean secret;
        private boolean required;
        private Validator validator;
        private Supplier<String> generatedDefault;

        private Builder(String key, Type type) {
            this.key = key;
            this.type = type;
        }

        /** Sets the default value. */
        public Builder defaultValue(String value) { this.defaultValue = value; return this; }

        /** Sets the description shown on the settings page. */
        public Builder description(String text) { this.description = text; return this; }

        /** Marks the option secret: masked on the page, never logged. */
        public Builder secret() { this.secret = true; return this; }

        /** Marks the option required. */
        public Builder required() { this.required = true; return this; }

        /** Adds a validator run after the type check. */
        public Builder validator(Validator v) { this.validator = v; return this; }

        /** Generates a value once when none is set; the host persists it to the config file. */
        public Builder generatedDefault(Supplier<String> generator) { this.generatedDefault = generator; return this; }

        /** Builds the option. */
        public ConfigOption build() {
            return new ConfigOption(key, type, defaultValue, description, secret, required, validator, generatedDefault);
        }
    }
}
