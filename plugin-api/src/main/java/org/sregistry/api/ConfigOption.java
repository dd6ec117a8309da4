package org.sregistry.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One typed configuration option a plugin offers. The host merges it into the layered
 * configuration, shows it on {@code /settings} and validates it before the plugin starts.
 *
 * <pre>{@code
 * ConfigOption.builder("PLUGIN_WEBHOOK_URL", Type.URL).required()
 *         .description("Where events are posted.").build();
 * ConfigOption.builder("PLUGIN_WEBHOOK_MODE", Type.CHOICE).choices("all", "failures", "off").defaultValue("all")
 *         .description("Which events are posted.").build();
 * }</pre>
 *
 * @param key              the key, by convention {@code PLUGIN_<ID>_*} (e.g. {@code PLUGIN_GLOBUS_ENDPOINT})
 * @param type             the value's type, checked before the validator runs
 * @param defaultValue     the default, or {@code null}
 * @param description      one sentence for the settings page
 * @param secret           secrets are write-only on the page and never logged
 * @param required         the plugin does not start without a value
 * @param validator        further checks; may be {@code null}
 * @param generatedDefault when there is no value, this generates one once and the server persists it (the
 *                         command line never does); may be {@code null}
 * @param choices          the values a {@link Type#CHOICE} option accepts, in the order the settings page offers
 *                         them; empty for every other type
 */
public record ConfigOption(
        String key,
        Type type,
        String defaultValue,
        String description,
        boolean secret,
        boolean required,
        Validator validator,
        Supplier<String> generatedDefault,
        List<String> choices) {

    /**
     * The value types the host knows how to check and edit. Values are trimmed before they are checked; the type
     * check runs before the option's {@link Validator}.
     */
    public enum Type {
        /** Any text. */
        STRING,
        /** A whole number ({@code long} range), e.g. {@code 30}. */
        INTEGER,
        /** {@code true}/{@code false} (also {@code yes}/{@code no}, {@code 1}/{@code 0}, {@code on}/{@code off}). */
        BOOLEAN,
        /** A UUID such as {@code 3a42f43c-1744-40dc-9b16-753d8e1589fa}. */
        UUID,
        /**
         * An absolute {@code http://} or {@code https://} URL with a host, with or without a trailing {@code /}; the
         * value is read exactly as written. For a root that paths are resolved against, use {@link #DIRECTORY_URL}.
         */
        URL,
        /**
         * A URL as for {@link #URL} that other paths are resolved against (a service root, e.g.
         * {@code https://auth.globus.org/}). Accepted with or without the trailing {@code /}, and always read with
         * it: the host adds a missing {@code /} whichever layer the value comes from, so
         * {@code URI.create(value).resolve("v2/token")} never drops the last segment.
         */
        DIRECTORY_URL,
        /** A file system path (not checked to exist). */
        PATH,
        /**
         * One of a fixed list of words, {@link ConfigOption#choices()} (compared exactly, after trimming); the
         * settings page offers them as a list.
         */
        CHOICE
    }

    /** Checks a value; answers an error message (what is expected) or empty when valid. */
    @FunctionalInterface
    public interface Validator {
        /** @return empty when {@code value} is valid, else a message saying what is expected. */
        Optional<String> check(String value);
    }

    /**
     * @throws IllegalArgumentException when a {@link Type#CHOICE} option has no choices or a default that is not one
     *                                  of them, or another type has choices
     */
    public ConfigOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(key + " is a CHOICE option without choices");
        }
        if (type != Type.CHOICE && !choices.isEmpty()) {
            throw new IllegalArgumentException(key + " has choices but is of type " + type + ", not CHOICE");
        }
        if (type == Type.CHOICE && defaultValue != null && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException(key + "'s default '" + defaultValue + "' is not one of " + choices);
        }
    }

    /** An option of any type but {@link Type#CHOICE} (the shape before {@code choices}). */
    public ConfigOption(String key, Type type, String defaultValue, String description, boolean secret,
                        boolean required, Validator validator, Supplier<String> generatedDefault) {
        this(key, type, defaultValue, description, secret, required, validator, generatedDefault, List.of());
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
        private List<String> choices = List.of();

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

        /**
         * Generates a value once when none is set: the server persists it to the config file when it starts the
         * plugin. The command line never writes one (a command that needs the value makes and saves it itself).
         */
        public Builder generatedDefault(Supplier<String> generator) { this.generatedDefault = generator; return this; }

        /** The words a {@link Type#CHOICE} option accepts, in the order the settings page offers them. */
        public Builder choices(String... values) { this.choices = List.of(values); return this; }

        /**
         * Builds the option.
         *
         * @throws IllegalArgumentException for choices that do not fit the type (see the record's constructor)
         */
        public ConfigOption build() {
            return new ConfigOption(key, type, defaultValue, description, secret, required, validator, generatedDefault,
                    choices);
        }
    }
}
