package org.sregistry.host.access;

import java.util.Locale;
import java.util.Optional;

/** What a member may do in a collection; each level includes the ones before it. */
public enum Permission {
    /** Pull (download) images. */
    PULL,
    /** Also push new images and tags. */
    PUSH,
    /** Also delete images and change the collection's visibility, owner and members. */
    ADMIN;

    /** The stored and API spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level includes {@code other}. */
    public boolean includes(Permission other) {
        return compareTo(other) >= 0;
    }

    /** The level spelled {@code text}; empty for anything else. */
    public static Optional<Permission> parse(String text) {
        for (Permission p : values()) {
            if (p.key().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
