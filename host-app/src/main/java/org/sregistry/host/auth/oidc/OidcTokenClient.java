package org.sregistry.host.auth.oidc;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in client's calls for tokens it was issued at sign-in: refresh at the token endpoint and revoke at the
 * revocation endpoint (RFC 7009), authenticated exactly as the sign-in's code redemption is
 * ({@link ClientCalls#authentication}). Failure modes: the provider refuses the refresh token
 * ({@code invalid_grant}) → {@link GrantRefusedException}; unreachable, unresolved metadata, or any other error →
 * {@link GrantsUnavailableException}. Messages never hold a token. Thread-safe; holds no connections.
 */
public final class OidcTokenClient {
    private static final Logger LOG = LoggerFactory.getLogger(OidcTokenClient.class);

    private final OidcProvider provider;
    private final Clock clock;

    public OidcTokenClient(OidcProvider provider, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * New tokens for {@code refreshToken}. The token for {@code resourceServer} is picked from the reply (Globus names
     * it in {@code resource_server}; a provider that names none answers for the one asked); when the reply has no
     * refresh token, the one given stays (RFC 6749 section 6).
     */
    public ReceivedToken refresh(String resourceServer, String refreshToken) {
        Objects.requireNonNull(resourceServer, "resourceServer");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new GrantRefusedException("no refresh token to renew the " + resourceServer + " grant with; sign in"
                    + " again");
        }
        OIDCProviderMetadata meta = metadata();
        TokenRequest request = new TokenRequest(meta.getTokenEndpointURI(),
                ClientCalls.authentication(meta, provider.settings()),
                new RefreshTokenGrant(new RefreshToken(refreshToken)));
        TokenResponse reply;
        try {
            reply = TokenResponse.parse(ClientCalls.send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new GrantsUnavailableException("cannot reach the sign-in provider's token endpoint to renew the "
                    + resourceServer + " grant: " + e.getMessage());
        } catch (ParseException e) {
            throw new GrantsUnavailableException("the sign-in provider's answer to a refresh could not be read: "
                    + e.getMessage());
        }
        if (reply instanceof TokenErrorResponse error) {
            ErrorObject e = error.getErrorObject();
            if (OAuth2Error.INVALID_GRANT.getCode().equals(e.getCode())) {
                throw new GrantRefusedException("the sign-in provider refused the refresh token for " + resourceServer
                        + " (revoked, expired or not issued to this registry); sign in again");
            }
            if (OAuth2Error.INVALID_CLIENT.getCode().equals(e.getCode())) {
                throw new GrantsUnavailableException("the sign-in provider does not accept this registry's client id"
                        + " or secret; ask an administrator");
            }
            throw new GrantsUnavailableException("the sign-in provider refused to renew the " + resourceServer
                    + " grant: " + ClientCalls.describe(e));
        }
        AccessTokenResponse ok = reply.toSuccessResponse();
        ReceivedToken token = pick(ok, resourceServer);
        return token.refreshToken() != null ? token : new ReceivedToken(token.resourceServer(), token.accessToken(),
                refreshToken, token.expiresAt(), token.scopes());
    }

    private ReceivedToken pick(AccessTokenResponse ok, String resourceServer) {
        Object named = ok.getCustomParameters().get("resource_server");
        if (!(named instanceof String) || named.equals(resourceServer)) {
            return ReceivedToken.of(resourceServer, ok.getTokens(), clock.instant());
        }
        return ReceivedToken.from(ok, clock.instant()).stream()
                .filter(t -> t.resourceServer().equals(resourceServer)).findFirst()
                .orElseThrow(() -> new GrantsUnavailableException("the sign-in provider renewed a token for " + named
                        + ", not for " + resourceServer));
    }

    /**
     * Revokes an access or refresh token (no type hint: RFC 7009 lets the server find out). Does nothing when the
     * provider's metadata lists no revocation endpoint.
     */
    public void revoke(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        OIDCProviderMetadata meta = metadata();
        URI endpoint = meta.getRevocationEndpointURI();
        if (endpoint == null) {
            LOG.debug("The sign-in provider has no revocation endpoint: a token is left to expire");
            return;
        }
        TokenRevocationRequest request = new TokenRevocationRequest(endpoint,
                ClientCalls.authentication(meta, provider.settings()), new TypelessToken(token));
        HTTPResponse reply;
        try {
            reply = ClientCalls.send(request.toHTTPRequest());
        } catch (IOException e) {
            throw new GrantsUnavailableException("cannot reach the sign-in provider's revocation endpoint: "
                    + e.getMessage());
        }
        if (reply.getStatusCode() != 200) {
            String why = "HTTP " + reply.getStatusCode();
            try {
                why = ClientCalls.describe(ErrorObject.parse(reply));
            } catch (RuntimeException e) {
                // no error object: the status says enough
            }
            throw new GrantsUnavailableException("the sign-in provider refused to revoke a token: " + why);
        }
    }

    private OIDCProviderMetadata metadata() {
        try {
            return provider.ready().metadata();
        } catch (OidcException e) {
            throw new GrantsUnavailableException(e.getMessage());
        }
    }
}
