package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Objects;

/**
 * Globus Auth for a native app: authorize URL (authorization code + PKCE S256, {@code access_type=offline}),
 * code exchange, refresh grant, revocation and userinfo. Token and revoke calls are never retried (as in the
 * JS SDK); a refused refresh token raises {@link LoginRequiredException}. The {@link TokenRenewer} of the tokens its
 * own logins made. Thread-safe.
 */
public final class GlobusAuthClient implements TokenRenewer {

    private static final String TOKEN_PATH = "v2/oauth2/token";
    private static final String REVOKE_PATH = "v2/oauth2/token/revoke";
    private static final String USERINFO_PATH = "v2/oauth2/userinfo";

    private final GlobusClientConfig config;
    private final GlobusHttp http;

    /** A client for {@code config.authRoot()}; {@code config.clientId()} must be set. */
    public GlobusAuthClient(GlobusClientConfig config) {
        this.config = config;
        this.http = new GlobusHttp(config);
    }

    /** The shared configuration. */
    public GlobusClientConfig config() {
        return config;
    }

    /** {@code <auth root>v2/web/auth-code}: the page that shows the code for copy and paste. */
    public URI defaultRedirectUri() {
        return config.authRoot().resolve("v2/web/auth-code");
    }

    /** The browser URL that starts the login. */
    public URI authorizeUrl(AuthorizeRequest request) {
        QueryString q = new QueryString()
                .put("client_id", clientId())
                .put("redirect_uri", redirectOf(request.redirectUri()).toString())
                .put("scope", String.join(" ", request.scopes()))
                .put("state", request.state())
                .put("response_type", "code")
                .put("code_challenge", request.pkce().challenge())
                .put("code_challenge_method", Pkce.METHOD)
                .put("access_type", request.accessType())
                .putAll(request.extraParams());
        return URI.create(config.authRoot() + "v2/oauth2/authorize?" + q.encoded());
    }

    /**
     * Exchanges an authorization code. A wrong, reused or expired code, or a verifier that does not match the
     * challenge, fails with a {@link GlobusApiException} (typically code {@code invalid_grant}).
     *
     * @param redirectUri the one used in the authorize URL; null for the default
     */
    public TokenSet exchangeCode(String code, Pkce pkce, URI redirectUri) {
        Objects.requireNonNull(code, "code");
        QueryString form = new QueryString()
                .put("grant_type", "authorization_code")
                .put("code", code.trim())
                .put("code_verifier", pkce.verifier())
                .put("redirect_uri", redirectOf(redirectUri).toString())
                .put("client_id", clientId());
        JsonNode json = http.sendOnce(form(TOKEN_PATH, form), false);
        return TokenSet.fromResponse(json, config.clock().instant());
    }

    /**
     * Refresh-token grant. The answer holds one token; when it carries a new refresh token, the caller must persist
     * it ({@link AccessTokenManager} does, through its provider).
     *
     * @throws LoginRequiredException the refresh token is invalid, revoked or expired ({@code invalid_grant})
     */
    public TokenSet refresh(String refreshToken) {
        QueryString form = new QueryString()
                .put("grant_type", "refresh_token")
                .put("refresh_token", Objects.requireNonNull(refreshToken, "refreshToken"))
                .put("client_id", clientId());
        JsonNode json = http.sendOnce(form(TOKEN_PATH, form), true);
        return TokenSet.fromResponse(json, config.clock().instant());
    }

    /**
     * {@link #refresh} as one token of {@code resourceServer} (the answer's only token when it names another).
     *
     * @throws LoginRequiredException the refresh token is invalid, revoked or expired ({@code invalid_grant})
     */
    @Override
    public ResourceToken renew(String resourceServer, String refreshToken) {
        TokenSet fresh = refresh(refreshToken);
        return fresh.get(resourceServer)
                .or(() -> fresh.byResourceServer().values().stream().findFirst())
                .orElseThrow(() -> new GlobusApiException(200, "InvalidResponse", "refresh answer holds no token",
                        null, null, "POST", "/" + TOKEN_PATH, null, null, null));
    }

    /** Revokes an access or refresh token. */
    @Override
    public void revoke(String token) {
        QueryString form = new QueryString()
                .put("token", Objects.requireNonNull(token, "token"))
                .put("client_id", clientId());
        http.sendOnce(form(REVOKE_PATH, form), false);
    }

    /** Revokes every access and refresh token of a login (for logout); stops at the first failure. */
    public void revokeAll(TokenSet tokens) {
        for (ResourceToken t : tokens.byResourceServer().values()) {
            if (t.hasRefreshToken()) {
                revoke(t.refreshToken());
            }
            if (t.accessToken() != null) {
                revoke(t.accessToken());
            }
        }
    }

    /** The identity behind the {@code auth.globus.org} token the manager provides (refreshed as needed). */
    public UserInfo userinfo(AccessTokenManager tokens) {
        ApiCall call = new ApiCall("GET", config.authRoot(), USERINFO_PATH, new QueryString(), null, null,
                GlobusScopes.AUTH_RESOURCE_SERVER, true, false);
        return GlobusJson.mapper().convertValue(http.send(call, tokens), UserInfo.class);
    }

    /** The identity behind an {@code auth.globus.org} access token. */
    public UserInfo userinfo(String authAccessToken) {
        return userinfo(AccessTokenManager.fixed(GlobusScopes.AUTH_RESOURCE_SERVER, authAccessToken));
    }

    private ApiCall form(String path, QueryString form) {
        return new ApiCall("POST", config.authRoot(), path, new QueryString(), form.formEncoded(),
                "application/x-www-form-urlencoded", null, false, false);
    }

    private URI redirectOf(URI explicit) {
        return explicit != null ? explicit : defaultRedirectUri();
    }

    private String clientId() {
        return Objects.requireNonNull(config.clientId(), "GlobusClientConfig.clientId is required for Globus Auth");
    }
}
