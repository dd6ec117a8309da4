package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.sregistry.host.auth.ldap.LdapAccounts;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserNames;

/**
 * Checks a user name and password from an address, the one way every front door does (HTTP Basic,
 * the login form, the profile's "current password"): a pair verified in the last minute is let in
 * without the PBKDF2 cost ({@link VerifiedCredentials}); anything else goes through the
 * {@link LoginThrottle}, which slows wrong guesses and never refuses the right password.
 *
 * <p>A user with a local password signs in with it only. Any other name (no such account, or an account
 * without a local password) is checked by the LDAP directory when one is configured
 * ({@link LdapAccounts}): its successes are cached and throttled the same way.
 */
public final class PasswordLogins {
    private static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final int CACHE_SIZE = 1_000;

    private final PasswordAccounts accounts;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;
    private final LdapAccounts ldap;

    /** The session method of a sign-in with a local password. */
    public static final String PASSWORD = "password";
    /** The session method of a sign-in the LDAP directory checked. */
    public static final String LDAP = "ldap";

    /**
     * An attempt's outcome.
     *
     * @param user                 the account, when accepted
     * @param method               who checked the password: {@link #PASSWORD} or {@link #LDAP}
     * @param directoryUnavailable the LDAP directory could not answer (not accepted; "try again later",
     *                             not "wrong password")
     */
    public record Result(LoginThrottle.Verdict verdict, Duration retryAfter, User user, String method,
                         boolean directoryUnavailable) {
        public Result(LoginThrottle.Verdict verdict, Duration retryAfter, User user) {
            this(verdict, retryAfter, user, PASSWORD, false);
        }

        public boolean accepted() {
            return verdict == LoginThrottle.Verdict.ACCEPTED;
        }
    }

    /** @param ldap the LDAP sign-in, or null when it is off */
    public PasswordLogins(PasswordAccounts accounts, Clock clock, LdapAccounts ldap) {
        this.accounts = accounts;
        this.ldap = ldap;
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
            // a local password is never checked by LDAP and LDAP accounts have none: the method follows
            return new Result(LoginThrottle.Verdict.ACCEPTED, Duration.ZERO, known.get(),
                    known.get().hasPassword() ? PASSWORD : LDAP, false);
        }
        AtomicReference<User> account = new AtomicReference<>();
        AtomicReference<String> method = new AtomicReference<>(PASSWORD);
        AtomicBoolean unavailable = new AtomicBoolean();
        LoginThrottle.Outcome outcome = throttle.attempt(user, address, () -> {
            boolean local = ldap == null || accounts.users().byName(user).map(User::hasPassword).orElse(false);
            if (local) {
                accounts.verify(user, password).ifPresent(account::set);
            } else {
                LdapAccounts.SignIn signIn = ldap.signIn(user, password);
                if (signIn instanceof LdapAccounts.SignIn.Accepted a) {
                    account.set(a.user());
                    method.set(LDAP);
                } else if (signIn instanceof LdapAccounts.SignIn.Unavailable) {
                    unavailable.set(true);
                }
            }
            return account.get() != null;
        });
        if (outcome.accepted()) {
            verified.remember(user, password, account.get());
        }
        return new Result(outcome.verdict(), outcome.retryAfter(), outcome.accepted() ? account.get() : null,
                method.get(), !outcome.accepted() && unavailable.get());
    }

    private static Result result(LoginThrottle.Outcome outcome, User user) {
        return new Result(outcome.verdict(), outcome.retryAfter(), outcome.accepted() ? user : null);
    }
}
