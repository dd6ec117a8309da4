package org.sregistry.host.oci;

import java.time.Duration;
import java.util.Optional;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.BasicCredentials;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.auth.PasswordLogins;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;

/**
 * Checks the credentials a registry client sends: HTTP Basic (a user's password, throttled like
 * every password login, or an API token as the password) or a bearer API token. The token endpoint and the {@code /v2/} gate both
 * use it, so a client may skip the token dance and send Basic or an API token directly.
 */
public final class OciCredentials {
    private final PasswordLogins logins;
    private final ApiTokens apiTokens;
    private final UserStore users;

    /**
     * The outcome: who, or why not.
     *
     * @param user   the account, when accepted
     * @param source what the credentials were, as tokens made from them record it: {@code api:<token id>}
     *               or {@code password:<user id>:<credential generation>}; such a token is void once
     *               {@link #isCurrent} says no
     */
    public record Outcome(LoginThrottle.Verdict verdict, User user, Duration retryAfter, String source) {
        static Outcome rejected() {
            return new Outcome(LoginThrottle.Verdict.REJECTED, null, Duration.ZERO, null);
        }

        /** The user name, when accepted. */
        public String subject() {
            return user == null ? "" : user.username();
        }

        /** True when the credentials are right (or an anonymous caller is let in). */
        public boolean accepted() {
            return verdict == LoginThrottle.Verdict.ACCEPTED;
        }
    }

    private final java.util.function.BooleanSupplier anonymousPull;

    /** @param anonymousPull true while anonymous callers may pull public collections (their tokens die when it goes off) */
    public OciCredentials(PasswordLogins logins, ApiTokens apiTokens, UserStore users,
                          java.util.function.BooleanSupplier anonymousPull) {
        this.logins = logins;
        this.apiTokens = apiTokens;
        this.users = users;
        this.anonymousPull = anonymousPull;
    }

    /** The source recorded in tokens issued to anonymous callers. */
    public static final String ANONYMOUS = "anonymous";

    /** An anonymous caller, when anonymous pull is on; else rejected. */
    public Outcome anonymous() {
        return anonymousPull.getAsBoolean()
                ? new Outcome(LoginThrottle.Verdict.ACCEPTED, null, Duration.ZERO, ANONYMOUS)
                : Outcome.rejected();
    }

    /**
     * True while the credentials a token was made from still hold: the API token is not revoked,
     * the password not changed, the user not disabled. So revoking a token, changing the password
     * or disabling the user also ends the short tokens (and the library client's redirect tokens)
     * made from them.
     */
    public boolean isCurrent(String source) {
        if (source == null) {
            return false;
        }
        if (source.equals(ANONYMOUS)) {
            return anonymousPull.getAsBoolean();
        }
        if (source.startsWith("api:")) {
            return apiTokens.isCurrent(source.substring(4));
        }
        if (source.startsWith("password:")) {
            String[] parts = source.split(":");
            return parts.length == 3 && source.equals("password:" + parts[1] + ":" + users.credentialGen(parts[1]));
        }
        return false;
    }

    /** Checks a {@code Basic} header value (without the scheme). */
    public Outcome basic(String encoded, String address) {
        Optional<BasicCredentials> credentials = BasicCredentials.decode(encoded);
        if (credentials.isEmpty()) {
            return Outcome.rejected();
        }
        // an API token as the password (any user name), as registries let docker/apptainer logins use
        // tokens: a site's users never store the admin password in ~/.apptainer/docker-config.json
        Outcome token = apiToken(credentials.get().password());
        return token.accepted() ? token : password(credentials.get().user(), credentials.get().password(), address);
    }

    /**
     * Checks an {@code Authorization} header: {@code Basic} (see {@link #basic}) or a {@code Bearer}
     * API token; anything else, or none, is rejected.
     */
    public Outcome header(String authorization, String address) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6), address);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return apiToken(authorization.substring(7));
        }
        return Outcome.rejected();
    }

    /** Checks a user name and password. */
    public Outcome password(String user, String password, String address) {
        PasswordLogins.Result outcome = logins.check(user, password, address);
        User account = outcome.user();
        // the generation the password was checked with: a change right after it voids the token
        return new Outcome(outcome.verdict(), account, outcome.retryAfter(),
                outcome.accepted() ? "password:" + account.id() + ":" + account.credentialGen() : null);
    }

    /** Checks an API token. */
    public Outcome apiToken(String token) {
        return apiTokens.verify(token.trim())
                .map(h -> new Outcome(LoginThrottle.Verdict.ACCEPTED, h.user(), Duration.ZERO, "api:" + h.tokenId()))
                .orElseGet(Outcome::rejected);
    }
}
