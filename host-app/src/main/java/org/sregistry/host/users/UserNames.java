package org.sregistry.host.users;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user name rule: 1 to 64 of lower-case letters, digits, {@code . _ @ -}, starting with a
 * letter or digit. It fits a path segment, a URL and an OpenID Connect {@code preferred_username}
 * such as {@code alice@uchicago.edu}, and it can never be mistaken for markup.
 */
public final class UserNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    private UserNames() {
    }

    /** What is wrong with {@code name}, if anything. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a user name is required");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("a user name is 1-64 lower-case letters, digits, '.', '_', '@' or '-', starting"
                    + " with a letter or digit");
        }
        return Optional.empty();
    }

    /** The stored form of a name typed at a login form: trimmed and lower-cased. */
    public static String normalize(String typed) {
        return typed == null ? null : typed.trim().toLowerCase(Locale.ROOT);
    }
}
