package org.sregistry.globus.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a notification goes. */
public enum Channel {
    /** An e-mail to the address on the user's account (the host's {@link org.sregistry.api.Mail}). */
    EMAIL,
    /** A signed JSON POST to the user's webhook URL. */
    WEBHOOK;

    /** The word in outbox keys and records. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
