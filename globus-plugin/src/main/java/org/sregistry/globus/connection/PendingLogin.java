package org.sregistry.globus.connection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.sregistry.globus.client.Pkce;

/**
 * A login that was started (the admin was sent to {@link #authorizeUrl()}) and waits for the code. The PKCE
 * verifier stays on the server (in memory for the web flow, in a 0600 file for the CLI); only its challenge
 * travels in the URL. {@link #toString()} hides the verifier.
 *
 * @param pkce         the verifier and challenge
 * @param authorizeUrl where the admin logs in
 * @param createdAt    when it was started
 * @param authRoot     the Auth root it was started against
 * @param clientId     the client id it was started with
 */
public record PendingLogin(Pkce pkce, URI authorizeUrl, Instant createdAt, URI authRoot, String clientId) {

    /** How long a started login stays usable (Globus codes are short-lived anyway). */
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    public PendingLogin {
        Objects.requireNonNull(pkce, "pkce");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True once older than {@link #LIFETIME}. */
    public boolean expired(Instant now) {
        return now.isAfter(createdAt.plus(LIFETIME));
    }

    /** True when it was started against these settings (a code is only valid for the same client and service). */
    public boolean matches(URI currentAuthRoot, String currentClientId) {
        return Objects.equals(authRoot, currentAuthRoot) && Objects.equals(clientId, currentClientId);
    }

    @Override
    public String toString() {
        return "PendingLogin[authRoot=" + authRoot + ", createdAt=" + createdAt + ", pkce=<redacted>]";
    }
}
