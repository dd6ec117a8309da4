package org.sregistry.host.oci;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.sregistry.host.auth.AdminAccount;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.LoginThrottle;
import org.sregistry.host.auth.PasswordLogins;

/**
 * Checks the credentials a registry client sends: HTTP Basic (the admin password, throttled like
 * every password login, or an API token as the password) or a bearer API token. The token endpoint and the {@code /v2/} gate both
 * use it, so a client may skip the token dance and send Basic or an API token directly.
 */
public final class OciCredentials {
    private final PasswordLogins logins;
    private final ApiTokens apiTokens;
    private final AdminAccount admin;

    /**
     * The outcome: who, or why not.
     *
     * @param source what the credentials were, as tokens made from them record it: {@code api:<fingerprint>}
     *               or {@code password:<generation>}; such a token is void once {@link #isCurrent} says no
     */
    public record Outcome(LoginThrottle.Verdict verdict, String subject, Duration retryAfter, String source) {
        static Outcome rejected() {
            return new Outcome(LoginThrottle.Verdict.REJECTED, null, Duration.ZERO, null);
        }

        /** True when the credentials are right. */
        public boolean accepted() {
            return verdict == LoginThrottle.Verdict.ACCEPTED;
        }
    }

    public OciCredentials(PasswordLogins logins, ApiTokens apiTokens, AdminAccount admin) {
        this.logins = logins;
        this.apiTokens = apiTokens;
        this.admin = admin;
    }

    /**
     * True while the credentials a token was made from still hold: the API token is not revoked,
     * the password not changed. So revoking a token or changing the password also ends the short
     * tokens (and the library client's redirect tokens) made from them.
     */
    public boolean isCurrent(String source) {
        if (source == null) {
            return false;
        }
        if (source.startsWith("api:")) {
            return apiTokens.isCurrent(source.substring(4));
        }
        if (source.startsWith("password:")) {
            return source.equals("password:" + admin.generation());
        }
        return false;
    }

    /** Checks a {@code Basic} header value (without the scheme). */
    public Outcome basic(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.rejected();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Outcome.rejected();
        }
        String secret = decoded.substring(colon + 1);
        // an API token as the password (any user name), as registries let docker/apptainer logins use
        // tokens: a site's users never store the admin password in ~/.apptainer/docker-config.json
        Outcome token = apiToken(secret);
        return token.accepted() ? token : password(decoded.substring(0, colon), secret, address);
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
        long generation = admin.generation(); // before the check: a change right after it voids the token
        LoginThrottle.Outcome outcome = logins.check(user, password, address);
        return new Outcome(outcome.verdict(), outcome.accepted() ? AdminAccount.USERNAME : null, outcome.retryAfter(),
                outcome.accepted() ? "password:" + generation : null);
    }

    /** Checks an API token. */
    public Outcome apiToken(String token) {
        return apiTokens.fingerprint(token.trim())
                .map(fp -> new Outcome(LoginThrottle.Verdict.ACCEPTED, AdminAccount.USERNAME, Duration.ZERO, "api:" + fp))
                .orElseGet(Outcome::rejected);
    }
}
