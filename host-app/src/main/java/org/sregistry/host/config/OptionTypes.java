package org.sregistry.host.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.sregistry.api.ConfigOption;

/** Checks a value against an option's declared type; messages say what is expected. */
public final class OptionTypes {
    private OptionTypes() {
    }

    /** What is wrong with {@code value} for the type of {@code option} (its choices, for a choice), if anything. */
    public static Optional<String> check(ConfigOption option, String value) {
        String v = value.trim();
        return switch (option.type()) {
            case STRING -> Optional.empty();
            case INTEGER -> isInteger(v) ? Optional.empty() : Optional.of("expected a whole number");
            case BOOLEAN -> isBoolean(v) ? Optional.empty() : Optional.of("expected true or false");
            case UUID -> isUuid(v) ? Optional.empty()
                    : Optional.of("expected a UUID such as 3a42f43c-1744-40dc-9b16-753d8e1589fa");
            case URL, DIRECTORY_URL -> isHttpUrl(v) ? Optional.empty()
                    : Optional.of("expected an http:// or https:// URL such as https://example.org/");
            case PATH -> v.isEmpty() || v.indexOf('\0') >= 0 ? Optional.of("expected a file system path")
                    : Optional.empty();
            case CHOICE -> option.choices().contains(v) ? Optional.empty()
                    : Optional.of("expected one of " + String.join(", ", option.choices()));
        };
    }

    /**
     * The value as it is read: a {@link ConfigOption.Type#DIRECTORY_URL} with its trailing {@code /} (so paths
     * resolve below it), every other value as it is.
     */
    public static String normalized(ConfigOption option, String value) {
        return option != null && option.type() == ConfigOption.Type.DIRECTORY_URL && value != null
                && !value.isEmpty() && !value.endsWith("/") ? value + "/" : value;
    }

    /**
     * What is wrong with {@code value} for {@code option}, if anything: its type's check, then its validator (on the
     * trimmed value). The one check of a value, wherever it is read: the settings page, and the settings that read
     * their options as a whole ({@code LdapSettings}, {@code SmtpSettings}).
     */
    public static Optional<String> problem(ConfigOption option, String value) {
        Optional<String> typeProblem = check(option, value);
        return typeProblem.isPresent() || option.validator() == null ? typeProblem
                : option.validator().check(value.trim());
    }

    /** The one boolean spelling of every option: true, yes, 1 or on (any case) is true; anything else false. */
    public static boolean parseBoolean(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            default -> false;
        };
    }

    private static boolean isInteger(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "1", "0", "on", "off" -> true;
            default -> false;
        };
    }

    private static boolean isUuid(String v) {
        if (v.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String v) {
        try {
            URI uri = URI.create(v);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
