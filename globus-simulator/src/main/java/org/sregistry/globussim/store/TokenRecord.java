package org.sregistry.globussim.store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** An issued access or refresh token, with what it grants. */
public final class TokenRecord {
    public static final String ACCESS = "access";
    public static final String REFRESH = "refresh";

    public String token;
    public String kind;
    public String identityId;
    public String clientId;
    public String resourceServer;
    /** Space-separated scopes as reported in token responses. */
    public String scope;
    /** Collection ids whose {@code data_access} consent this token carries. */
    public Set<String> consents = new LinkedHashSet<>();
    public Instant issuedAt;
    /** Null for refresh tokens (they do not expire here). */
    public Instant expiresAt;
    public boolean revoked;
    /** For access tokens: the refresh token issued with them, so revoking it revokes them too. */
    public String refreshToken;

    public boolean isActive(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }
}
