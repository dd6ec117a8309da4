package org.sregistry.host.web.pages;

import java.util.Arrays;
import java.util.Optional;
import org.sregistry.host.auth.PasswordAccounts;

/**
 * What the settings page says after a password change was tried. The redirect names one of these
 * keys ({@code /settings?password=changed}); the text is ours, never taken from the query.
 */
public enum PasswordNotice {
    CHANGED("changed", false, "Password changed. Other browser sessions are logged out; scripts using HTTP Basic"
            + " need the new password."),
    WRONG("wrong", true, "The current password is wrong; the password was not changed."),
    SLOWED("slowed", true, "Too many wrong passwords: wait a few seconds and try again."),
    MISMATCH("mismatch", true, "The two new passwords differ; the password was not changed."),
    TOO_SHORT("too-short", true, "The new password must have at least " + PasswordAccounts.MIN_PASSWORD_LENGTH
            + " characters; the password was not changed."),
    INVALID("invalid", true, "The new password is not acceptable (at most 1024 characters, not only spaces).");

    private final String key;
    private final boolean error;
    private final String text;

    PasswordNotice(String key, boolean error, String text) {
        this.key = key;
        this.error = error;
        this.text = text;
    }

    String key() {
        return key;
    }

    public boolean error() {
        return error;
    }

    public String text() {
        return text;
    }

    public static Optional<PasswordNotice> of(String key) {
        return Arrays.stream(values()).filter(n -> n.key.equals(key)).findFirst();
    }
}
