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

    /** The outcome: who, or why not. */
    public record Outcome(LoginThrottle.Verdict verdict, String subject, Duration retryAfter) {
        static Outcome rejected() {
            return new Outcome(LoginThrottle.Verdict.REJECTED, null, Duration.ZERO);
        }

        /** True when the credentials are right. */
        public boolean accepted() {
            return verdict == LoginThrottle.Verdict.ACCEPTED;
        }
    }

    public OciCredentials(PasswordLogins logins, ApiTokens apiTokens) {
        this.logins = logins;
        this.apiTokens = apiTokens;
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
        if (apiToken(secret).accepted()) {
            return apiToken(secret);
        }
        return password(decoded.substring(0, colon), secret, address);
    }

    /** Checks a user name and password. */
    public Outcome password(String user, String password, String address) {
        LoginThrottle.Outcome outcome = logins.check(user, password, address);
        return new Outcome(outcome.verdict(), outcome.accepted() ? AdminAccount.USERNAME : null, outcome.retryAfter());
    }

    /** Checks an API token. */
    public Outcome apiToken(String token) {
        return apiTokens.verify(token.trim()).isPresent()
                ? new Outcome(LoginThrottle.Verdict.ACCEPTED, AdminAccount.USERNAME, Duration.ZERO)
                : Outcome.rejected();
    }
}
