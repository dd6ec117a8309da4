package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.ErrorStyle;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TokenRecord;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Globus Auth under {@code /auth/}: authorize page, auth-code page, token, revoke, userinfo. */
public final class AuthRoutes {
    private static final String[] AUTHORIZE_FIELDS = {
            "client_id", "redirect_uri", "scope", "state", "response_type", "code_challenge", "code_challenge_method",
            "access_type", "prefill_named_grant", "nonce"};

    private final StateStore store;
    private final TokenService tokens;
    private final AuthorizationCodes codes;
    private final Supplier<Identity> defaultIdentity;
    private final SigningKeys keys;
    private final Clients clients;
    private final Supplier<String> issuer;
    private final IdTokenFaults idTokenFaults;

    /**
     * @param issuer the OIDC issuer, e.g. {@code http://127.0.0.1:PORT/auth} (no trailing slash); the discovery
     *               document's endpoint URLs are built on it
     */
    public AuthRoutes(StateStore store, TokenService tokens, AuthorizationCodes codes, Supplier<Identity> defaultIdentity,
                      SigningKeys keys, Clients clients, Supplier<String> issuer, IdTokenFaults idTokenFaults) {
        this.idTokenFaults = idTokenFaults;
        this.store = store;
        this.tokens = tokens;
        this.codes = codes;
        this.defaultIdentity = defaultIdentity;
        this.keys = keys;
        this.clients = clients;
        this.issuer = issuer;
    }

    public void register(Router router) {
        router.group("/auth", ErrorStyle.AUTH, false)
                .get("/.well-known/openid-configuration", c -> Reply.json(discovery()))
                .get("/jwk.json", c -> Reply.json(keys.publicJwks()))
                .get("/v2/oauth2/authorize", this::authorizePage)
                .post("/v2/oauth2/authorize", this::approve)
                .get("/v2/web/auth-code", this::authCodePage)
                .post("/v2/oauth2/token", this::token)
                .post("/v2/oauth2/token/revoke", this::revoke)
                .get("/v2/oauth2/userinfo", this::userinfo)
                .post("/v2/oauth2/userinfo", this::userinfo);
    }

    public String defaultIdentityId() { return defaultIdentity.get().id; }

    public String issuer() { return issuer.get(); }

    /** Approves an authorize request as an identity (default identity when null); returns the one-time code. */
    public String approveAs(AuthorizationRequest request, Identity identity) {
        clients.checkAuthorize(request);
        Identity who = identity != null ? identity : defaultIdentity.get();
        return codes.issue(request, who.id);
    }

    private Reply authorizePage(Call call) {
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.from(call);
            clients.checkAuthorize(request);
        } catch (ApiError e) {
            return Reply.html(400, Html.page("Authorization failed", "<p>" + Html.esc(e.getMessage()) + "</p>"));
        }
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"/auth/v2/oauth2/authorize\">");
        for (String f : AUTHORIZE_FIELDS) {
            String v = call.param(f);
            if (v != null) form.append("<input type=\"hidden\" name=\"").append(f).append("\" value=\"").append(Html.esc(v)).append("\">");
        }
        form.append("<p>Sign in as <select name=\"identity\" id=\"identity\">");
        String defaultId = defaultIdentity.get().id;
        for (Identity i : store.identities()) {
            form.append("<option value=\"").append(Html.esc(i.id)).append('"').append(i.id.equals(defaultId) ? " selected" : "")
                    .append('>').append(Html.esc(i.username)).append("</option>");
        }
        form.append("</select></p><p>The app <code>").append(Html.esc(request.clientId()))
                .append("</code> asks for:</p><ul>");
        for (String s : RequestedScopes.splitTopLevel(request.scope())) form.append("<li>").append(Html.esc(s)).append("</li>");
        form.append("</ul><button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button></form>");
        return Reply.html(200, Html.page("Globus simulator: allow access", form.toString()));
    }

    private Reply approve(Call call) {
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.from(call);
        } catch (ApiError e) {
            return Reply.html(400, Html.page("Authorization failed", "<p>" + Html.esc(e.getMessage()) + "</p>"));
        }
        String who = call.param("identity");
        Identity identity = who == null ? null : store.identityByIdOrUsername(who);
        String code;
        try {
            code = approveAs(request, identity);
        } catch (ApiError e) {
            return Reply.html(400, Html.page("Authorization failed", "<p>" + Html.esc(e.getMessage()) + "</p>"));
        }
        String query = "code=" + enc(code) + "&state=" + enc(request.state());
        if (isDefaultRedirect(request.redirectUri())) return Reply.redirect("/auth/v2/web/auth-code?" + query);
        String sep = request.redirectUri().contains("?") ? "&" : "?";
        return Reply.redirect(request.redirectUri() + sep + query);
    }

    /** The Globus "copy this code" page, reached for the default redirect URI (ours or the real one). */
    static boolean isDefaultRedirect(String redirectUri) {
        return redirectUri.endsWith("/v2/web/auth-code")
                && (redirectUri.startsWith("https://auth.globus.org/") || redirectUri.contains("/auth/v2/web/auth-code"));
    }

    private Reply authCodePage(Call call) {
        String code = call.param("code");
        if (code == null) return Reply.html(400, Html.page("Native App Authorization Code", "<p>No code.</p>"));
        return Reply.html(200, Html.page("Native App Authorization Code",
                "<p>Copy this code and paste it into your application:</p><p><code id=\"auth-code\">" + Html.esc(code)
                        + "</code></p>"));
    }

    private Reply token(Call call) {
        String grantType = call.param("grant_type");
        if (grantType == null) throw OAuthErrors.invalidRequest("Missing grant_type");
        String clientId = clientIdOf(call);
        authenticateClient(call, clientId);
        return switch (grantType) {
            case "authorization_code" -> Reply.json(codeExchange(call, clientId));
            case "refresh_token" -> Reply.json(refreshGrant(call, clientId));
            default -> throw OAuthErrors.unsupportedGrantType("Unsupported grant_type '" + grantType + "'");
        };
    }

    private Map<String, Object> codeExchange(Call call, String clientId) {
        String code = call.param("code");
        if (code == null) throw OAuthErrors.invalidRequest("Missing code");
        AuthorizationCodes.Issued issued = codes.redeem(code);
        if (issued == null) throw OAuthErrors.invalidGrant("Invalid, expired or already used authorization code");
        AuthorizationRequest req = issued.request();
        if (clientId != null && !clientId.equals(req.clientId())) throw OAuthErrors.invalidGrant("Code was issued to another client");
        if (clientId == null && clients.get(req.clientId()) != null) throw invalidClient("Client authentication required");
        String redirect = call.param("redirect_uri");
        if (redirect != null && !redirect.equals(req.redirectUri())) throw OAuthErrors.invalidGrant("redirect_uri does not match");
        if (req.codeChallenge() != null) {
            String verifier = call.param("code_verifier");
            if (verifier == null) throw OAuthErrors.invalidGrant("Missing code_verifier");
            if (!AuthorizationCodes.s256(verifier).equals(req.codeChallenge())) {
                throw OAuthErrors.invalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
            }
        }
        Identity identity = store.identity(issued.identityId());
        RequestedScopes scopes = RequestedScopes.parse(req.scope());
        List<TokenService.IssuedToken> issuedTokens = tokens.issue(identity, req.clientId(), scopes, req.offline());
        List<TokenService.IssuedToken> ordered = authFirst(issuedTokens);
        String idToken = null;
        if (scopes.includesOpenId()) {
            String authAccess = RequestedScopes.AUTH_RS.equals(ordered.get(0).access().resourceServer)
                    ? ordered.get(0).access().token : null;
            idToken = IdTokens.idToken(keys, issuer.get(), identity, req.clientId(), req.scope(), req.nonce(), authAccess,
                    tokens.expiresInSeconds(), idTokenFaults.take());
        }
        return tokenResponse(ordered, req.state(), idToken);
    }

    private static List<TokenService.IssuedToken> authFirst(List<TokenService.IssuedToken> issued) {
        List<TokenService.IssuedToken> ordered = new ArrayList<>(issued);
        ordered.sort((a, b) -> Boolean.compare(!RequestedScopes.AUTH_RS.equals(a.access().resourceServer),
                !RequestedScopes.AUTH_RS.equals(b.access().resourceServer)));
        return ordered;
    }

    /**
     * Registered (confidential) clients must authenticate with {@code client_secret_basic}; a wrong or missing secret
     * is 401 {@code invalid_client}. Unregistered clients are native apps and bring no secret, as before.
     */
    private void authenticateClient(Call call, String clientId) {
        Clients.Client client = clients.get(clientId);
        if (client == null) return;
        String[] basic = basicCredentials(call);
        if (basic == null) throw invalidClient("Client authentication required: use HTTP Basic (client_secret_basic)");
        // RFC 6749 2.3.1 form-encodes both parts (Nimbus does); many clients do not: accept either.
        boolean idOk = basic[0].equals(client.id()) || formDecode(basic[0]).equals(client.id());
        boolean secretOk = client.secretMatches(basic[1]) || client.secretMatches(formDecode(basic[1]));
        if (!idOk || !secretOk) throw invalidClient("Invalid client credentials");
    }

    private static ApiError invalidClient(String description) {
        return OAuthErrors.error(401, "invalid_client", description).header("WWW-Authenticate", "Basic realm=\"auth.globus.org\"");
    }

    /** The OIDC discovery document, shaped like auth.globus.org's, with URLs on this simulator. */
    private Map<String, Object> discovery() {
        String iss = issuer.get();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", iss);
        d.put("authorization_endpoint", iss + "/v2/oauth2/authorize");
        d.put("token_endpoint", iss + "/v2/oauth2/token");
        d.put("userinfo_endpoint", iss + "/v2/oauth2/userinfo");
        d.put("revocation_endpoint", iss + "/v2/oauth2/token/revoke");
        d.put("jwks_uri", iss + "/jwk.json");
        d.put("response_types_supported", List.of("code", "token", "token id_token", "id_token"));
        d.put("id_token_signing_alg_values_supported", List.of(SigningKeys.ALGORITHM.getName()));
        d.put("scopes_supported", List.of("openid", "email", "profile"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        d.put("claims_supported", List.of("at_hash", "aud", "email", "exp", "name", "nonce", "preferred_username", "iat",
                "iss", "sub"));
        d.put("subject_types_supported", List.of("public"));
        return d;
    }

    /** Top-level token: auth.globus.org's when present (as Globus does), the others in {@code other_tokens}. */
    private Map<String, Object> tokenResponse(List<TokenService.IssuedToken> issued, String state, String idToken) {
        List<TokenService.IssuedToken> ordered = authFirst(issued);
        long expiresIn = tokens.expiresInSeconds();
        Map<String, Object> top = TokenService.tokenJson(ordered.get(0), state, expiresIn);
        if (idToken != null) top.put("id_token", idToken);
        List<Map<String, Object>> others = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) others.add(TokenService.tokenJson(ordered.get(i), state, expiresIn));
        top.put("other_tokens", others);
        return top;
    }

    private Map<String, Object> refreshGrant(Call call, String clientId) {
        String refreshToken = call.param("refresh_token");
        if (refreshToken == null) throw OAuthErrors.invalidRequest("Missing refresh_token");
        TokenService.IssuedToken fresh = tokens.refresh(refreshToken, clientId);
        Map<String, Object> body = TokenService.tokenJson(fresh, null, tokens.expiresInSeconds());
        body.put("other_tokens", List.of());
        return body;
    }

    private Reply revoke(Call call) {
        String token = call.param("token");
        if (token == null) throw OAuthErrors.invalidRequest("Missing token");
        tokens.revoke(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", false);
        return Reply.json(body);
    }

    private Reply userinfo(Call call) {
        TokenRecord t = tokens.authenticate(call.bearerToken(), RequestedScopes.AUTH_RS);
        if (t == null) throw new ApiError(401, "UNAUTHORIZED", "Missing, invalid, expired or revoked auth.globus.org token");
        Identity identity = store.identity(t.identityId);
        if (identity == null) throw new ApiError(401, "UNAUTHORIZED", "Unknown identity");
        return Reply.json(IdTokens.claims(identity, t.scope));
    }

    /** Native apps put client_id in the form; confidential clients use HTTP Basic. */
    private static String clientIdOf(Call call) {
        String id = call.param("client_id");
        if (id != null) return id;
        String[] basic = basicCredentials(call);
        return basic == null ? null : formDecode(basic[0]);
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** {id, secret} as sent in {@code Authorization: Basic} (not form-decoded); null without the header. */
    private static String[] basicCredentials(Call call) {
        String h = call.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String id = colon < 0 ? decoded : decoded.substring(0, colon);
            String secret = colon < 0 ? "" : decoded.substring(colon + 1);
            return new String[] {id, secret};
        } catch (IllegalArgumentException e) {
            throw OAuthErrors.error(401, "invalid_client", "Malformed Basic credentials");
        }
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
