package org.sregistry.host.access;

import java.util.Locale;
import java.util.Optional;

/** Who sees a collection besides its owner and members. */
public enum Visibility {
    /** Every signed-in user may pull (and anonymous callers too when anonymous pull is on). */
    PUBLIC,
    /** Only the owner, members and administrators know it exists. */
    PRIVATE;

    /** The stored and API spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The visibility spelled {@code text}; empty for anything else. */
    public static Optional<Visibility> parse(String text) {
        return "public".equals(text) ? Optional.of(PUBLIC) : "private".equals(text) ? Optional.of(PRIVATE) : Optional.empty();
    }
}
