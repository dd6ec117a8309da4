package org.sregistry.globussim.auth;

import org.sregistry.globussim.RuntimeSettings;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TokenRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Issues, checks, rotates and revokes tokens, one per resource server. */
public final class TokenService {
    private final StateStore store;
    private final RuntimeSettings settings;

    public TokenService(StateStore store, RuntimeSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** An access token plus (offline access) its refresh token, for one resource server. */
    public record IssuedToken(TokenRecord access, TokenRecord refresh) {}

    /** Issues a token per resource server in the request, in request order. */
    public List<IssuedToken> issue(Identity identity, String clientId, RequestedScopes scopes, boolean offline) {
        List<IssuedToken> out = new ArrayList<>();
        List<TokenRecord> records = new ArrayList<>();
        scopes.byServer().forEach((rs, grant) -> {
            IssuedToken t = newToken(identity.id, clientId, rs, grant.scopeString(), grant.consents, offline);
            out.add(t);
            records.add(t.access());
            if (t.refresh() != null) records.add(t.refresh());
        });
        store.putTokens(records);
        return out;
    }

    private IssuedToken newToken(String identityId, String clientId, String rs, String scope, Set<String> consents, boolean offline) {
        Instant now = Instant.now();
        TokenRecord refresh = null;
        if (offline) {
            refresh = record(TokenRecord.REFRESH, identityId, clientId, rs, scope, consents, now);
        }
        TokenRecord access = record(TokenRecord.ACCESS, identityId, clientId, rs, scope, consents, now);
        access.expiresAt = now.plus(settings.accessTokenLifetime());
        access.refreshToken = refresh == null ? null : refresh.token;
        return new IssuedToken(access, refresh);
    }

    private static TokenRecord record(String kind, String identityId, String clientId, String rs, String scope,
                                      Set<String> consents, Instant now) {
        TokenRecord t = new TokenRecord();
        t.token = Ids.token();
        t.kind = kind;
        t.identityId = identityId;
        t.clientId = clientId;
        t.resourceServer = rs;
        t.scope = scope;
        t.consents.addAll(consents);
        t.issuedAt = now;
        return t;
    }

    /**
     * Refresh grant: a new access token and a new (rotated) refresh token; the old refresh token stops working.
     * Unknown, revoked or foreign refresh tokens are {@code invalid_grant}.
     */
    public IssuedToken refresh(String refreshToken, String clientId) {
        TokenRecord old = store.token(refreshToken)
                .filter(t -> TokenRecord.REFRESH.equals(t.kind) && t.isActive(Instant.now()))
                .orElseThrow(() -> OAuthErrors.invalidGrant("Refresh token is invalid, expired or revoked"));
        if (clientId != null && old.clientId != null && !clientId.equals(old.clientId)) {
            throw OAuthErrors.invalidGrant("Refresh token was not issued to this client");
        }
        store.revokeWhere(t -> t.token.equals(old.token));
        IssuedToken fresh = newToken(old.identityId, old.clientId, old.resourceServer, old.scope, old.consents, true);
        store.putTokens(List.of(fresh.access(), fresh.refresh()));
        return fresh;
    }

    /** The live access token for a resource server, or null when missing, unknown, revoked, expired or for another RS. */
    public TokenRecord authenticate(String bearer, String resourceServer) {
        if (bearer == null) return null;
        return store.token(bearer)
                .filter(t -> TokenRecord.ACCESS.equals(t.kind))
                .filter(t -> t.isActive(Instant.now()))
                .filter(t -> resourceServer.equals(t.resourceServer))
                .orElse(null);
    }

    /** Revokes an access or refresh token; revoking a refresh token also revokes access tokens issued with it. */
    public void revoke(String token) {
        store.revokeWhere(t -> t.token.equals(token) || token.equals(t.refreshToken));
    }

    public int revokeAll() {
        return store.revokeWhere(t -> true);
    }

    /** Revokes every token of one identity (their Globus login was revoked); answers how many. */
    public int revokeIdentity(String identityId) {
        return store.revokeWhere(t -> identityId.equals(t.identityId));
    }

    /** The wire form of one token (shared by the top-level entry and {@code other_tokens}). */
    public static Map<String, Object> tokenJson(IssuedToken t, String state, long expiresIn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", t.access().token);
        m.put("scope", t.access().scope);
        m.put("expires_in", expiresIn);
        m.put("token_type", "Bearer");
        m.put("resource_server", t.access().resourceServer);
        if (state != null) m.put("state", state);
        if (t.refresh() != null) m.put("refresh_token", t.refresh().token);
        return m;
    }

    public long expiresInSeconds() {
        Duration d = settings.accessTokenLifetime();
        return Math.max(0, d.getSeconds());
    }
}
