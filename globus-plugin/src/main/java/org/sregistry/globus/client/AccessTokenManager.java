package org.sregistry.globus.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out access tokens per resource server from a {@link TokenProvider}, refreshing a token that is within
 * 60 s of expiry before use, and once after a 401. Refreshed tokens (and rotated refresh tokens) are written back
 * through the provider. One refresh at a time per resource server; a thread that waited reuses the new token.
 * Refreshes go to a {@link TokenRenewer}: the client the stored tokens were issued to.
 */
public final class AccessTokenManager {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccessTokenManager.class);


    /** Refresh this long before the access token expires (as the SDK does). */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final TokenProvider provider;
    private final TokenRenewer renewer;
    private final Clock clock;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param renewer used for refresh grants; null means tokens are never refreshed
     */
    public AccessTokenManager(TokenProvider provider, TokenRenewer renewer, Clock clock) {
        this.provider = Objects.requireNonNull(provider);
        this.renewer = renewer;
        this.clock = Objects.requireNonNull(clock);
    }

    /** Refreshing manager using the auth client's clock. */
    public AccessTokenManager(TokenProvider provider, GlobusAuthClient auth) {
        this(provider, auth, auth.config().clock());
    }

    /** A manager for one fixed access token that is never refreshed (tests, userinfo right after login). */
    public static AccessTokenManager fixed(String resourceServer, String accessToken) {
        return new AccessTokenManager(InMemoryTokenProvider.of(
                new ResourceToken(resourceServer, accessToken, null, null, null)), null, Clock.systemUTC());
    }

    /** The provider behind this manager. */
    public TokenProvider provider() {
        return provider;
    }

    /** The renewer for the tokens stored now (to revoke them at logout), or empty when they cannot be renewed. */
    public Optional<TokenRenewer> renewer() {
        return Optional.ofNullable(renewer == null ? null : renewer.chosen());
    }

    /**
     * A usable access token for the resource server.
     *
     * @throws LoginRequiredException no token stored, or expired and not refreshable, or the refresh was refused
     */
    public String accessToken(String resourceServer) {
        ResourceToken token = stored(resourceServer);
        if (!token.expiresWithin(REFRESH_MARGIN, clock)) {
            return token.accessToken();
        }
        synchronized (lock(resourceServer)) {
            token = stored(resourceServer); // another thread may have refreshed meanwhile
            if (!token.expiresWithin(REFRESH_MARGIN, clock)) {
                return token.accessToken();
            }
            if (!canRefresh(token)) {
                if (token.expiresWithin(Duration.ZERO, clock)) {
                    throw LoginRequiredException.noTokens(resourceServer, "Access token expired and no refresh token");
                }
                return token.accessToken(); // still valid for a little while
            }
            return refresh(token).accessToken();
        }
    }

    /**
     * After a 401 with {@code rejectedAccessToken}: the token to retry with, or empty when there is nothing better
     * (no refresh token). A token refreshed by another thread in the meantime is returned without a new refresh.
     *
     * @throws LoginRequiredException the refresh token was refused
     */
    public Optional<String> refreshAfterUnauthorized(String resourceServer, String rejectedAccessToken) {
        synchronized (lock(resourceServer)) {
            Optional<ResourceToken> current = provider.token(resourceServer);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ResourceToken token = current.get();
            if (!Objects.equals(token.accessToken(), rejectedAccessToken)) {
                return Optional.of(token.accessToken());
            }
            if (!canRefresh(token)) {
                return Optional.empty();
            }
            return Optional.of(refresh(token).accessToken());
        }
    }

    /** Forces a refresh now and returns the stored result. */
    public ResourceToken refreshNow(String resourceServer) {
        synchronized (lock(resourceServer)) {
            ResourceToken token = stored(resourceServer);
            if (!canRefresh(token)) {
                throw LoginRequiredException.noTokens(resourceServer, "No refresh token");
            }
            return refresh(token);
        }
    }

    /** True when a token is stored and either valid or refreshable (no network call). */
    public boolean usable(String resourceServer) {
        return provider.token(resourceServer)
                .map(t -> canRefresh(t) || !t.expiresWithin(Duration.ZERO, clock))
                .orElse(false);
    }

    private boolean canRefresh(ResourceToken token) {
        return token.hasRefreshToken() && renewer().isPresent();
    }

    private ResourceToken refresh(ResourceToken token) {
        // chosen once: the result is revoked (if dropped) by the client that issued it, whatever is stored by then
        TokenRenewer chosen = renewer().orElseThrow(() -> LoginRequiredException.noTokens(token.resourceServer(),
                "No way to renew the Globus token"));
        ResourceToken issued;
        try {
            issued = chosen.renew(token.resourceServer(), token.refreshToken());
        } catch (LoginRequiredException e) {
            // Another process (CLI vs server) may have used and rotated this refresh token: take its result.
            Optional<ResourceToken> now = provider.token(token.resourceServer());
            if (now.isPresent() && !Objects.equals(now.get().refreshToken(), token.refreshToken())
                    && !now.get().expiresWithin(Duration.ZERO, clock)) {
                return now.get();
            }
            throw e;
        }
        ResourceToken merged = token.refreshedWith(issued);
        if (provider.tokenRefreshed(token, merged)) {
            return merged;
        }
        // A logout or a newer login happened while the refresh was in flight: what is stored now wins,
        // and the tokens just issued are revoked so that nothing valid is left unaccounted for.
        revokeQuietly(chosen, merged);
        Optional<ResourceToken> now = provider.token(token.resourceServer());
        if (now.isPresent() && !now.get().expiresWithin(Duration.ZERO, clock)) {
            return now.get();
        }
        throw LoginRequiredException.noTokens(token.resourceServer(),
                "The Globus tokens were removed or replaced while they were being refreshed");
    }

    private void revokeQuietly(TokenRenewer issuer, ResourceToken dropped) {
        try {
            if (dropped.hasRefreshToken()) {
                issuer.revoke(dropped.refreshToken()); // revoking a refresh token also ends its access tokens
            } else {
                issuer.revoke(dropped.accessToken());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not revoke a dropped {} token at Globus: {}", dropped.resourceServer(), e.getMessage());
        }
    }

    private ResourceToken stored(String resourceServer) {
        return provider.token(resourceServer)
                .orElseThrow(() -> LoginRequiredException.noTokens(resourceServer, "No Globus token stored"));
    }

    private Object lock(String resourceServer) {
        return locks.computeIfAbsent(resourceServer, k -> new Object());
    }
}
