package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;

/**
 * Checks a user name and password from an address, the one way every front door does (HTTP Basic,
 * the login form, the settings page's "current password"): a pair verified in the last minute is
 * let in without the PBKDF2 cost ({@link VerifiedCredentials}); anything else goes through the
 * {@link LoginThrottle}, which slows wrong guesses and never refuses the right password.
 */
public final class PasswordLogins {
    private static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final int CACHE_SIZE = 1_000;

    private final AdminAccount admin;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;

    public PasswordLogins(AdminAccount admin, Clock clock) {
        this.admin = admin;
        this.throttle = new LoginThrottle(clock, admin::isAccount);
        this.verified = new VerifiedCredentials(clock, CACHE_TTL, CACHE_SIZE, admin::generation);
    }

    /** Checks {@code user}/{@code password} sent from {@code address}. */
    public LoginThrottle.Outcome check(String user, String password, String address) {
        if (user == null || password == null) {
            return throttle.attempt(user, address, () -> false);
        }
        if (verified.contains(user, password)) {
            return new LoginThrottle.Outcome(LoginThrottle.Verdict.ACCEPTED, Duration.ZERO);
        }
        LoginThrottle.Outcome outcome = throttle.attempt(user, address, () -> admin.verify(user, password));
        if (outcome.accepted()) {
            verified.remember(user, password);
        }
        return outcome;
    }
}
