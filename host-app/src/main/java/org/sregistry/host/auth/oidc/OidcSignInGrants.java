package org.sregistry.host.auth.oidc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sregistry.api.Access;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SignInGrants} on the server with OpenID Connect sign-in: grants are {@link #keep kept} at each sign-in
 * ({@link OidcGrants}), taken once by plugins, refreshed and revoked with the sign-in client ({@link OidcTokenClient}).
 * Grants that are replaced by a newer sign-in or {@link #sweep swept} after 30 days untaken are revoked at the
 * provider, best effort: a failure is logged (never a token) and the row is gone either way. A sign-in does not wait
 * for that: the grants it replaced are revoked by one background thread, from a bounded queue (when it is full, or
 * after {@link #close}, the caller revokes them itself: none is skipped); {@link #close} waits a few seconds for the
 * queue, then logs how many were left to expire at the provider. {@link #off} is the facet where there is nothing to
 * hand over (OpenID Connect off, the CLI).
 */
public final class OidcSignInGrants implements SignInGrants, AutoCloseable {
    /** At most this many old grants are revoked per sweep (each is a call to the provider). */
    static final int SWEEP_BATCH = 100;
    /** Replaced grants waiting for the background revocation at most. */
    static final int REVOKE_QUEUE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(OidcSignInGrants.class);

    private final OidcGrants store;
    private final OidcTokenClient client;
    private final String issuer;
    private final UserStore users;
    private final ThreadPoolExecutor revoker;

    /** @param issuer the sign-in provider's issuer, named in refreshed grants */
    public OidcSignInGrants(OidcGrants store, OidcTokenClient client, String issuer, UserStore users) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.users = Objects.requireNonNull(users, "users");
        // one thread, started on the first replaced grant and gone when idle (a facet never closed holds none)
        this.revoker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(REVOKE_QUEUE),
                r -> {
                    Thread t = new Thread(r, "oidc-grant-revoker");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> r.run());
        revoker.allowCoreThreadTimeOut(true);
    }

    /** The facet that never has a grant and refuses refresh and revoke with {@code why}. */
    public static SignInGrants off(String why) {
        return new SignInGrants() {
            @Override
            public Optional<Grant> take(Access.Caller caller, String resourceServer) {
                return Optional.empty();
            }

            @Override
            public Grant refresh(String resourceServer, String refreshToken) {
                throw new GrantsUnavailableException(why);
            }

            @Override
            public void revoke(String token) {
                throw new GrantsUnavailableException(why);
            }
        };
    }

    @Override
    public Optional<Grant> take(Access.Caller caller, String resourceServer) {
        if (caller == null || resourceServer == null) {
            return Optional.empty();
        }
        return users.byName(caller.username()).filter(User::enabled)
                .flatMap(user -> store.take(user.id(), resourceServer))
                .map(s -> new Grant(s.issuer(), s.subject(), s.token().resourceServer(), s.token().accessToken(),
                        s.token().refreshToken(), s.token().expiresAt(), s.token().scopes(), s.username(), s.name()));
    }

    @Override
    public Grant refresh(String resourceServer, String refreshToken) {
        return grant(issuer, null, client.refresh(resourceServer, refreshToken));
    }

    @Override
    public void revoke(String token) {
        client.revoke(token);
    }

    /**
     * Keeps what a sign-in of {@code user} received for other resource servers, instead of what an earlier sign-in
     * left untaken (which is revoked in the background). With no such tokens the user keeps none.
     *
     * @return the resource servers kept (a token too long for the table is not)
     */
    public List<String> keep(User user, OidcFlow.Finished signIn) {
        OidcIdentity who = signIn.identity();
        OidcGrants.Replacement done = store.replace(user.id(), who.issuer(), who.subject(), who.preferredUsername(),
                who.name(), signIn.tokens());
        for (OidcGrants.Stored g : done.replaced()) {
            revoker.execute(() -> revokeQuietly(g, "replaced"));
        }
        return done.kept();
    }

    /** Revokes and deletes grants untaken for {@link OidcGrants#MAX_AGE}; answers how many were deleted. */
    public int sweep() {
        List<OidcGrants.Stored> old = store.takeOlderThanMaxAge(SWEEP_BATCH);
        for (OidcGrants.Stored g : old) {
            revokeQuietly(g, "untaken for " + OidcGrants.MAX_AGE.toDays() + " days");
        }
        return old.size();
    }

    /** Waits up to 5 s for the replaced grants still queued; those left are logged (by count) and not revoked. */
    @Override
    public void close() {
        revoker.shutdown();
        try {
            if (!revoker.awaitTermination(5, TimeUnit.SECONDS)) {
                int left = revoker.shutdownNow().size();
                LOG.warn("{} replaced sign-in grant(s) not revoked at shutdown: left to expire at the provider", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Revokes the refresh token (at Globus that ends the access tokens made with it), or the access token when there
     * is none; a failure is logged, never thrown.
     */
    private void revokeQuietly(OidcGrants.Stored g, String why) {
        ReceivedToken t = g.token();
        try {
            boolean refreshable = t.refreshToken() != null && !t.refreshToken().isBlank();
            client.revoke(refreshable ? t.refreshToken() : t.accessToken());
        } catch (RuntimeException e) {
            LOG.warn("Could not revoke the {} grant of user {} ({}): {}", t.resourceServer(), g.userId(), why,
                    e instanceof GrantsUnavailableException ? e.getMessage() : e.toString());
        }
    }

    private static Grant grant(String issuer, String subject, ReceivedToken t) {
        return new Grant(issuer, subject, t.resourceServer(), t.accessToken(), t.refreshToken(), t.expiresAt(),
                t.scopes());
    }
}
