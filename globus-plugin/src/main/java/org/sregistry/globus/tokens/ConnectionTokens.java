package org.sregistry.globus.tokens;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenProvider;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;

/**
 * Where one Globus connection keeps its tokens: the registry's own (service) connection in {@code tokens.json}
 * ({@link TokenStore}), or a user's connection in the plugin store, sealed ({@link UserTokenStore}). Logins,
 * consents and refreshes go through the same operations for both, so every feature works for either.
 * <pre>{@code
 * ConnectionTokens tokens = userTokens.of("alice");
 * tokens.saveLogin(tokenSet, identity, roots);
 * AccessTokenManager manager = new AccessTokenManager(tokens.provider(roots), auth, clock);
 * }</pre>
 * Implementations are thread-safe and safe across processes (CLI and server).
 */
public interface ConnectionTokens {

    /** The current content (empty when nothing is stored). */
    StoredTokens read();

    /**
     * Applies {@code change} to the freshly read content if {@code condition} holds for it, atomically (a concurrent
     * change in between is never lost); empty when the condition did not hold.
     */
    Optional<StoredTokens> updateIf(Predicate<StoredTokens> condition, UnaryOperator<StoredTokens> change);

    /** Forgets every token (logout). True when something was stored. */
    boolean delete();

    /** Atomically applies {@code change} to the current content and returns the result. */
    default StoredTokens update(UnaryOperator<StoredTokens> change) {
        return updateIf(current -> true, change).orElseThrow();
    }

    /** The content if it may be sent to the services at {@code roots}, else nothing (as if not logged in). */
    default StoredTokens readFor(ServiceRoots roots) {
        StoredTokens s = read();
        return s.belongsTo(roots) ? s : StoredTokens.empty();
    }

    /**
     * Stores a new login made against {@code roots} (replacing the old login tokens; consent tokens of the same
     * roots kept) and the identity, if known.
     */
    default StoredTokens saveLogin(TokenSet login, UserInfo identity, ServiceRoots roots) {
        return update(s -> s.withLogin(login, identity, roots));
    }

    /**
     * Where the stored login came from: {@link UserConnection#ORIGIN_CONNECT} (the plugin's own login, renewed with
     * its client) or {@link UserConnection#ORIGIN_SIGN_IN} (handed over from the user's sign-in, renewed by the host).
     * The registry's own connection is always made by the plugin's login.
     */
    default String origin() {
        return UserConnection.ORIGIN_CONNECT;
    }

    /**
     * Stores a login handed over from the user's sign-in to the registry, as {@link #saveLogin} does (the same claim
     * of the identity), with origin {@link UserConnection#ORIGIN_SIGN_IN}.
     *
     * @throws IdentityInUseException        the identity is connected to another registry account
     * @throws UnsupportedOperationException for the registry's own connection, which nobody signs in as
     */
    default StoredTokens saveSignIn(TokenSet login, UserInfo identity, ServiceRoots roots) {
        throw new UnsupportedOperationException("only a user's own connection is made from a sign-in");
    }

    /**
     * Stores the transfer token of a consent login made against {@code roots} beside the existing tokens, keyed by
     * the scope string that was requested (e.g. {@code transfer:all[*https://auth.globus.org/scopes/ID/data_access]}).
     * The requested string is the key because Globus reports only the base scope on the issued token.
     */
    default StoredTokens saveConsent(String requestedScope, TokenSet consentLogin, ServiceRoots roots) {
        ResourceToken transfer = consentLogin.transfer().orElseThrow(
                () -> new IllegalArgumentException("consent login holds no transfer token"));
        return update(s -> s.withConsent(requestedScope, transfer, roots));
    }

    /**
     * The login tokens for the services at {@code roots} as a {@link TokenProvider} (none when they belong to
     * other roots); refreshed tokens are written back.
     */
    default TokenProvider provider(ServiceRoots roots) {
        return new TokenProvider() {
            @Override
            public Optional<ResourceToken> token(String resourceServer) {
                return readFor(roots).token(resourceServer);
            }

            @Override
            public boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed) {
                return replaceIfUnchanged(roots, s -> s.token(used.resourceServer()), used,
                        s -> s.withToken(refreshed));
            }
        };
    }

    /**
     * A provider whose Transfer token is the consent token stored under {@code scopeKey} (other resource servers
     * come from the login); refreshes are written back under the same key. Nothing when the tokens belong to other
     * roots than {@code roots}.
     */
    default TokenProvider consentProvider(String scopeKey, ServiceRoots roots) {
        return new TokenProvider() {
            @Override
            public Optional<ResourceToken> token(String resourceServer) {
                StoredTokens s = readFor(roots);
                if (GlobusScopes.TRANSFER_RESOURCE_SERVER.equals(resourceServer)) {
                    return Optional.ofNullable(s.consentTokens().get(scopeKey));
                }
                return s.token(resourceServer);
            }

            @Override
            public boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed) {
                if (GlobusScopes.TRANSFER_RESOURCE_SERVER.equals(used.resourceServer())) {
                    return replaceIfUnchanged(roots, s -> Optional.ofNullable(s.consentTokens().get(scopeKey)), used,
                            s -> s.withConsentToken(scopeKey, refreshed));
                }
                return replaceIfUnchanged(roots, s -> s.token(used.resourceServer()), used,
                        s -> s.withToken(refreshed));
            }
        };
    }

    /**
     * Writes a refresh result back only if the stored token still carries the refresh token that was used
     * (compare-and-set). A logout or a newer login that happened while the refresh was in flight wins: the result
     * is dropped, so a refresh never resurrects deleted tokens nor overwrites a newer login.
     */
    private boolean replaceIfUnchanged(ServiceRoots roots, Function<StoredTokens, Optional<ResourceToken>> slot,
                                       ResourceToken used, UnaryOperator<StoredTokens> change) {
        boolean written = updateIf(current -> current.belongsTo(roots) && slot.apply(current)
                .map(t -> t.refreshToken() != null && t.refreshToken().equals(used.refreshToken()))
                .orElse(false), change).isPresent();
        if (!written) {
            Logger log = LoggerFactory.getLogger(ConnectionTokens.class);
            log.info("Globus tokens changed during a {} refresh (logout or new login); its result is dropped",
                    used.resourceServer());
        }
        return written;
    }
}
