package org.sregistry.host.users;

import java.util.Locale;
import java.util.Optional;

/** What a user may do registry-wide: an {@code ADMIN} may do everything, a {@code USER} what collections allow. */
public enum Role {
    ADMIN, USER;

    /** The stored and API spelling: {@code admin}, {@code user}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role spelled {@code text} ({@code admin} or {@code user}); empty for anything else. */
    public static Optional<Role> parse(String text) {
        if ("admin".equals(text)) {
            return Optional.of(ADMIN);
        }
        if ("user".equals(text)) {
            return Optional.of(USER);
        }
        return Optional.empty();
    }
}
