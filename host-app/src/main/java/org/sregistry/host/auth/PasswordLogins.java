package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserNames;

/**
 * Checks a user name and password from an address, the one way every front door does (HTTP Basic,
 * the login form, the profile's "current password"): a pair verified in the last minute is let in
 * without the PBKDF2 cost ({@link VerifiedCredentials}); anything else goes through the
 * {@link LoginThrottle}, which slows wrong guesses and never refuses the right password.
 */
public final class PasswordLogins {
    private static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final int CACHE_SIZE = 1_000;

    private final PasswordAccounts accounts;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;

    /**
     * An attempt's outcome.
     *
     * @param user the account, when accepted
     */
    public record Result(LoginThrottle.Verdict verdict, Duration retryAfter, User user) {
        public boolean accepted() {
            return verdict == LoginThrottle.Verdict.ACCEPTED;
        }
    }

    public PasswordLogins(PasswordAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.throttle = new LoginThrottle(clock, accounts::isAccount);
        this.verified = new VerifiedCredentials(clock, CACHE_TTL, CACHE_SIZE, accounts.users()::byId);
    }

    /** Checks {@code user}/{@code password} sent from {@code address}. */
    public Result check(String typedUser, String password, String address) {
        String user = UserNames.normalize(typedUser); // "Alice " at a login form is alice
        if (user == null || password == null) {
            return result(throttle.attempt(user, address, () -> false), null);
        }
        Optional<User> known = verified.find(user, password);
        if (known.isPresent()) {
            return new Result(LoginThrottle.Verdict.ACCEPTED, Duration.ZERO, known.get());
        }
        AtomicReference<User> account = new AtomicReference<>();
        LoginThrottle.Outcome outcome = throttle.attempt(user, address, () -> {
            accounts.verify(user, password).ifPresent(account::set);
            return account.get() != null;
        });
        if (outcome.accepted()) {
            verified.remember(user, password, account.get());
        }
        return result(outcome, account.get());
    }

    private static Result result(LoginThrottle.Outcome outcome, User user) {
        return new Result(outcome.verdict(), outcome.retryAfter(), outcome.accepted() ? user : null);
    }
}
