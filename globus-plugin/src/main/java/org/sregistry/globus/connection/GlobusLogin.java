package org.sregistry.globus.connection;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.AuthorizeRequest;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.Pkce;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.ConnectionTokens;
import org.sregistry.globus.tokens.IdentityInUseException;

/**
 * The native-app login shared by the CLI and the web page: {@link #start()} makes the authorize URL (PKCE, offline
 * access so a refresh token keeps the registry connected for months), {@link #complete} exchanges the pasted code
 * and stores the tokens. The stored tokens change only after Globus accepted the code, so a wrong code leaves the
 * old ones untouched.
 */
public final class GlobusLogin {
    private static final Logger LOG = LoggerFactory.getLogger(GlobusLogin.class);
    /** Longer than any Globus code; anything longer is a paste accident. */
    static final int MAX_CODE_LENGTH = 512;

    private final GlobusClients clients;
    private final ConnectionTokens store;
    private final Clock clock;
    private final String grantLabel;

    GlobusLogin(GlobusClients clients, ConnectionTokens store, Clock clock, String grantLabel) {
        this.clients = clients;
        this.store = store;
        this.clock = clock;
        this.grantLabel = grantLabel;
    }

    /**
     * Starts a login.
     *
     * @throws GlobusNotConfiguredException no client id is configured
     */
    public PendingLogin start() {
        return start(List.of());
    }

    /**
     * Starts a login that also asks for {@code requiredScopes} (e.g. the transfer scope with a collection's
     * {@code data_access} dependency, from a {@code ConsentRequired} answer).
     *
     * @throws GlobusNotConfiguredException no client id is configured
     */
    public PendingLogin start(List<String> requiredScopes) {
        GlobusAuthClient auth = auth();
        Pkce pkce = Pkce.generate();
        AuthorizeRequest.Builder request = AuthorizeRequest.builder(pkce).requiredScopes(requiredScopes);
        if (grantLabel != null) {
            request.prefillNamedGrant(grantLabel);
        }
        return new PendingLogin(pkce, auth.authorizeUrl(request.build()), clock.instant(),
                auth.config().authRoot(), auth.config().clientId());
    }

    /**
     * Exchanges {@code code} for tokens and stores them with the identity.
     *
     * @throws InvalidCodeException         the text cannot be a code (nothing sent)
     * @throws GlobusApiException           Globus refused the code (wrong, used or expired) or did not answer
     * @throws GlobusNotConfiguredException no client id, or the settings changed since the login started
     * @throws IdentityInUseException       the identity is connected to another registry account (tokens revoked)
     */
    public LoginResult complete(PendingLogin pending, String code) {
        String trimmed = checkCode(code);
        GlobusAuthClient auth = auth();
        if (!pending.matches(auth.config().authRoot(), auth.config().clientId())) {
            throw new GlobusNotConfiguredException("The Globus settings changed since this login was started; "
                    + "start the login again.");
        }
        TokenSet tokens = auth.exchangeCode(trimmed, pending.pkce(), null);
        UserInfo identity = identity(auth, tokens);
        try {
            store.saveLogin(tokens, identity, ServiceRoots.of(auth.config()));
        } catch (IdentityInUseException e) {
            revokeQuietly(auth, tokens); // not kept, so not left valid at Globus either
            throw e;
        }
        LOG.info("Globus login stored for {}", identity == null ? "an unknown identity" : identity.displayName());
        return new LoginResult(identity);
    }

    /**
     * Finishes a consent login (started with {@link #start(List)}): exchanges the code and stores the new transfer
     * token beside the login's tokens under {@code scopeKey}, the scope string that was asked for. The login
     * tokens stay as they were.
     *
     * @throws InvalidCodeException         the text cannot be a code (nothing sent)
     * @throws GlobusApiException           Globus refused the code or did not answer
     * @throws GlobusNotConfiguredException no client id, or the settings changed since the login started
     */
    public void completeConsent(PendingLogin pending, String code, String scopeKey) {
        String trimmed = checkCode(code);
        GlobusAuthClient auth = auth();
        if (!pending.matches(auth.config().authRoot(), auth.config().clientId())) {
            throw new GlobusNotConfiguredException("The Globus settings changed since this login was started; "
                    + "start it again.");
        }
        TokenSet tokens = auth.exchangeCode(trimmed, pending.pkce(), null);
        if (tokens.transfer().isEmpty()) {
            throw new InvalidCodeException("Globus granted no Transfer token for this consent; try again.");
        }
        store.saveConsent(scopeKey, tokens, ServiceRoots.of(auth.config()));
        LOG.info("Globus consent stored for {}", scopeKey);
    }

    private static void revokeQuietly(GlobusAuthClient auth, TokenSet tokens) {
        for (ResourceToken token : tokens.byResourceServer().values()) {
            for (String secret : new String[] {token.refreshToken(), token.accessToken()}) {
                if (secret != null && !secret.isBlank()) {
                    try {
                        auth.revoke(secret);
                    } catch (GlobusApiException e) {
                        LOG.warn("Revoking a refused login's {} token failed: {}", token.resourceServer(),
                                e.getMessage());
                    }
                }
            }
        }
    }

    private static UserInfo identity(GlobusAuthClient auth, TokenSet tokens) {
        String access = tokens.auth().map(ResourceToken::accessToken).orElse(null);
        if (access == null) {
            return null;
        }
        try {
            return auth.userinfo(access);
        } catch (GlobusApiException e) {
            // The login itself worked; the identity is only for display.
            LOG.warn("Logged in to Globus but could not read the identity: {}", e.getMessage());
            return null;
        }
    }

    private static String checkCode(String code) {
        String trimmed = code == null ? "" : code.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidCodeException("No code was entered.");
        }
        if (trimmed.length() > MAX_CODE_LENGTH || trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidCodeException("That does not look like a Globus login code (one word, as shown "
                    + "after logging in).");
        }
        return trimmed;
    }

    private GlobusAuthClient auth() {
        return clients.auth().orElseThrow(() -> new GlobusNotConfiguredException(
                "PLUGIN_GLOBUS_CLIENT_ID is not set: register a native app at "
                        + "https://app.globus.org/settings/developers and set its client id (on /settings or in "
                        + "the config file)."));
    }
}
