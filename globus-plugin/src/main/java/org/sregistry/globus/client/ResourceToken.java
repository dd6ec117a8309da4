package org.sregistry.globus.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One resource server's tokens. {@code scope} is Globus's space-separated scope string (it may hold dependency
 * groups like {@code transfer:all[*https://.../data_access]}, see {@link #scopes()}). {@link #toString()} never
 * shows token text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceToken(String resourceServer, String accessToken, String refreshToken, Instant expiresAt,
                            String scope) {

    /** True when a refresh token is present. */
    public boolean hasRefreshToken() {
        return refreshToken != null && !refreshToken.isBlank();
    }

    /** True when the access token is missing, expired, or expires within {@code margin}. */
    public boolean expiresWithin(Duration margin, Clock clock) {
        if (accessToken == null || accessToken.isBlank()) {
            return true;
        }
        return expiresAt != null && !clock.instant().plus(margin).isBefore(expiresAt);
    }

    /** The scope string split into scopes, dependency groups kept whole. */
    public List<String> scopes() {
        return GlobusScopes.split(scope);
    }

    /** A copy with another access token and expiry; a null new refresh token keeps the old one. */
    public ResourceToken refreshedWith(ResourceToken fresh) {
        return new ResourceToken(resourceServer, fresh.accessToken,
                fresh.hasRefreshToken() ? fresh.refreshToken : refreshToken,
                fresh.expiresAt, fresh.scope != null ? fresh.scope : scope);
    }

    @Override
    public String toString() {
        return "ResourceToken[resourceServer=" + resourceServer + ", accessToken=<redacted>, refreshToken="
                + (hasRefreshToken() ? "<redacted>" : "none") + ", expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
