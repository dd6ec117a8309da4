package org.sregistry.host.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The authorization-code flow of one OIDC client: {@link #start()} makes the redirect to the provider (with
 * {@code access_type=offline} when the scopes ask for more than sign-in), {@link #finishWithTokens} checks the
 * callback, redeems the code, validates the id_token and hands back the identity with the tokens the provider sent for
 * other resource servers. The caller keeps {@link Pending} server-side, bound to the browser (a cookie), and deletes
 * it on first use. Thread-safe.
 */
public final class OidcFlow {
    static final String REPLAYED = "this sign-in was already used or has expired; start again";
    static final String STATE_MISMATCH = "this sign-in does not match the one started in this browser; start again";

    /** The scopes sign-in itself needs; any other asks for tokens to keep ({@code access_type=offline}). */
    static final Set<String> SIGN_IN_SCOPES = Set.of("openid", "profile", "email");

    private final OidcProvider provider;
    private final Clock clock;

    /** The flow for the provider's settings. */
    public OidcFlow(OidcProvider provider) {
        this(provider, Clock.systemUTC());
    }

    OidcFlow(OidcProvider provider, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A started sign-in: send the browser to {@code authorizationUri}; store the rest as {@link Pending}.
     *
     * @param codeVerifier the PKCE verifier, only when the provider lists S256 (Globus does not); else null
     */
    public record Start(URI authorizationUri, String state, String nonce, String codeVerifier) {
        /** What the caller stores. */
        public Pending pending() {
            return new Pending(state, nonce, codeVerifier);
        }

        @Override
        public String toString() {
            return "Start[" + authorizationUri.getHost() + "]"; // state, nonce and verifier stay out of logs
        }
    }

    /** What the caller stored at {@link #start()}; {@code codeVerifier} may be null. */
    public record Pending(String state, String nonce, String codeVerifier) {
        public Pending {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public String toString() {
            return "Pending[***]";
        }
    }

    /** Starts a sign-in. Throws when the provider is unavailable (the message is {@link OidcProvider#problem()}'s). */
    public Start start() throws OidcException {
        OidcProvider.Ready ready = provider.ready();
        OidcSettings s = provider.settings();
        OIDCProviderMetadata meta = ready.metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        List<CodeChallengeMethod> pkce = meta.getCodeChallengeMethods();
        CodeVerifier verifier = pkce != null && pkce.contains(CodeChallengeMethod.S256) ? new CodeVerifier() : null;
        AuthenticationRequest.Builder b = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(s.scopes().toArray(String[]::new)), new ClientID(s.clientId()), s.redirectUri())
                .state(state).nonce(nonce).endpointURI(meta.getAuthorizationEndpointURI());
        if (verifier != null) {
            b.codeChallenge(verifier, CodeChallengeMethod.S256);
        }
        if (asksForMoreThanSignIn(s.scopes())) {
            // tokens for other services (Globus: other_tokens) come with refresh tokens only then
            b.customParameter("access_type", "offline");
        }
        return new Start(b.build().toURI(), state.getValue(), nonce.getValue(),
                verifier == null ? null : verifier.getValue());
    }

    /**
     * A finished sign-in.
     *
     * @param identity the validated identity; apply {@link OidcAdmission} before creating or binding an account
     * @param tokens   what the token response held for other resource servers ({@link ReceivedToken#from})
     */
    public record Finished(OidcIdentity identity, List<ReceivedToken> tokens) {
        public Finished {
            Objects.requireNonNull(identity, "identity");
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * Finishes a sign-in from the callback URI (with its query) the browser brought back, with the tokens the
     * provider sent for other resource servers.
     *
     * @throws OidcException with a user-facing message for every way it can fail
     */
    public Finished finishWithTokens(URI callbackUri, Pending pending) throws OidcException {
        Objects.requireNonNull(pending, "pending");
        OidcProvider.Ready ready = provider.ready();
        OidcSettings s = provider.settings();
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callbackUri);
        } catch (ParseException e) {
            throw new OidcException("the sign-in response from the provider could not be read", e.getMessage());
        }
        if (response instanceof AuthenticationErrorResponse error) {
            throw providerRefused(error.getErrorObject());
        }
        if (response.getState() == null || !constantTimeEquals(response.getState().getValue(), pending.state())) {
            throw new OidcException(STATE_MISMATCH, "state mismatch");
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new OidcException("the provider sent no authorization code", "no code in the callback");
        }
        OIDCTokenResponse tokens = redeem(ready.metadata(), s, code, pending);
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = ready.validator().validate(idToken, new Nonce(pending.nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw IdTokenProblems.explain(e, idToken, s, pending.nonce(),
                    OidcProvider.acceptedAlgorithms(ready.metadata()), clock);
        }
        return new Finished(OidcIdentity.from(claims, s.groupsClaim()), ReceivedToken.from(tokens, clock.instant()));
    }

    /** True when {@code scopes} hold one beyond what sign-in itself needs ({@code openid profile email}). */
    static boolean asksForMoreThanSignIn(List<String> scopes) {
        return scopes.stream().anyMatch(scope -> !SIGN_IN_SCOPES.contains(scope));
    }

    /** POSTs the code to the token endpoint and returns the response, which has an id_token. */
    private static OIDCTokenResponse redeem(OIDCProviderMetadata meta, OidcSettings s, AuthorizationCode code,
                                            Pending pending) throws OidcException {
        CodeVerifier verifier = pending.codeVerifier() == null ? null : new CodeVerifier(pending.codeVerifier());
        TokenRequest request = new TokenRequest(meta.getTokenEndpointURI(), ClientCalls.authentication(meta, s),
                new AuthorizationCodeGrant(code, s.redirectUri(), verifier));
        TokenResponse tokens;
        try {
            tokens = OIDCTokenResponseParser.parse(ClientCalls.send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new OidcException("cannot reach the sign-in provider's token endpoint; try again", e.toString());
        } catch (ParseException e) {
            throw new OidcException("the sign-in provider's token response could not be read", e.getMessage());
        }
        if (tokens instanceof TokenErrorResponse error) {
            ErrorObject e = error.getErrorObject();
            String detail = "token endpoint: HTTP " + e.getHTTPStatusCode() + " " + e.getCode();
            if (OAuth2Error.INVALID_GRANT.getCode().equals(e.getCode())) {
                throw new OidcException(REPLAYED, detail);
            }
            if (OAuth2Error.INVALID_CLIENT.getCode().equals(e.getCode())) {
                throw new OidcException("the sign-in provider does not accept this registry's client id or secret;"
                        + " ask an administrator", detail);
            }
            throw new OidcException("the sign-in provider refused the token request: " + ClientCalls.describe(e),
                    detail);
        }
        if (!(tokens instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            throw new OidcException("the sign-in provider sent no id_token (is openid among the scopes?)",
                    "token response without id_token");
        }
        return oidc;
    }

    private static OidcException providerRefused(ErrorObject e) {
        return new OidcException("the sign-in provider refused the sign-in: " + ClientCalls.describe(e),
                "authorization error " + e.getCode());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
