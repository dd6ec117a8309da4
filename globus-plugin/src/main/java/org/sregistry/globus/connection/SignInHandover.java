package org.sregistry.globus.connection;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;
import org.sregistry.globus.tokens.IdentityInUseException;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.UserConnection;

/**
 * Connects a user automatically with the Globus Transfer token their sign-in to the registry received ("Sign in with
 * Globus" with {@code REGISTRY_OIDC_SCOPES} holding the Transfer scope): when they come by (the {@code /globus} page,
 * {@code GET /api/globus/me}) with per-user connections on and no working connection, the host's grant is taken
 * (it is handed over once) and stored as their connection with origin {@code sign_in}, through the same identity
 * claim as Connect.
 * <ul>
 * <li>A grant from another provider than {@code PLUGIN_GLOBUS_AUTH_URL} (without its trailing slash) is not used:
 * its tokens are revoked in the background (they are the host's to revoke) and the user is left not connected.</li>
 * <li>An identity already connected to another account: not connected, the grant revoked, the same words as
 * Connect.</li>
 * <li>The host cannot hand it over now ({@link GrantsUnavailableException}, {@link GrantRefusedException}): not
 * connected; the page works as without a grant.</li>
 * </ul>
 * Each kind of trouble is logged at WARN once per plugin start (then DEBUG), never a token.
 */
public final class SignInHandover {
    private static final Logger LOG = LoggerFactory.getLogger(SignInHandover.class);
    private static final int MAX_SHOWN = 200;

    /** What came of a visit. */
    public enum Outcome {
        /** Nothing to do: connected already, the registry's own connection acts, or no grant waits. */
        NOTHING,
        /** The user is connected now, from their sign-in. */
        CONNECTED,
        /** A grant was there but not usable (another provider, no identity); revoked. */
        REFUSED,
        /** The grant's identity is connected to another registry account; revoked. */
        IDENTITY_IN_USE,
        /** The host could not hand a grant over now. */
        UNAVAILABLE
    }

    /** The outcome and, for {@link Outcome#IDENTITY_IN_USE}, what to tell the user. */
    public record Result(Outcome outcome, String message) {
        static final Result NONE = new Result(Outcome.NOTHING, null);

        /** True when the user was connected just now. */
        public boolean connected() {
            return outcome == Outcome.CONNECTED;
        }
    }

    private final SignInGrants grants;
    private final Supplier<Connections> connections;
    private final Executor background;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param connections the plugin's connections for the current settings
     * @param background  where refused grants are revoked, so a page does not wait for the provider
     */
    public SignInHandover(SignInGrants grants, Supplier<Connections> connections, Executor background) {
        this.grants = grants;
        this.connections = connections;
        this.background = background;
    }

    /** Takes {@code me}'s sign-in grant for Globus Transfer when they have no working connection, and stores it. */
    public Result offer(Access.Caller me) {
        Connections all = connections.get();
        if (me == null || !all.perUser()) {
            return Result.NONE;
        }
        Connection mine = all.user(me.username());
        boolean broken = all.userStore().connection(me.username()).map(UserConnection::needsUpdate).orElse(false);
        if (mine.hasTransferToken() && !broken) {
            return Result.NONE;
        }
        Optional<SignInGrants.Grant> taken;
        try {
            taken = grants.take(me, GlobusScopes.TRANSFER_RESOURCE_SERVER);
        } catch (GrantsUnavailableException | GrantRefusedException e) {
            warnOnce("unavailable", "The registry's sign-in grants cannot be read now ({}); users are not connected "
                    + "automatically meanwhile", shown(e.getMessage()));
            return new Result(Outcome.UNAVAILABLE, null);
        }
        return taken.map(grant -> store(me, mine, grant)).orElse(Result.NONE);
    }

    private Result store(Access.Caller me, Connection mine, SignInGrants.Grant grant) {
        String expected = issuerOf(ServiceRoots.of(mine.clients().config()));
        if (!expected.equals(grant.issuer())) {
            warnOnce("issuer " + grant.issuer(), "A sign-in grant for Globus Transfer came from {}, not from the "
                    + "configured Globus Auth ({}): not used, and revoked", shown(grant.issuer()), expected);
            revokeLater(grant);
            return new Result(Outcome.REFUSED, null);
        }
        if (grant.subject() == null || grant.subject().isBlank()) {
            warnOnce("subject", "A sign-in grant for Globus Transfer names no identity: not used, and revoked");
            revokeLater(grant);
            return new Result(Outcome.REFUSED, null);
        }
        ResourceToken transfer = new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, grant.accessToken(),
                grant.refreshToken(), grant.expiresAt(), grant.scopes().isEmpty() ? null
                : String.join(" ", grant.scopes()));
        UserInfo identity = new UserInfo(grant.subject(), grant.username(), grant.name(), null, null, null, null,
                null);
        try {
            mine.tokens().saveSignIn(new TokenSet(Map.of(transfer.resourceServer(), transfer), null, null), identity,
                    ServiceRoots.of(mine.clients().config()));
        } catch (IdentityInUseException e) {
            LOG.info("The Globus sign-in of {} names an identity connected to another account: not connected, and "
                    + "its grant revoked", shown(me.username()));
            revokeLater(grant);
            return new Result(Outcome.IDENTITY_IN_USE, e.getMessage());
        } catch (RuntimeException e) {
            revokeLater(grant); // not kept, so not left valid either
            throw e;
        }
        LOG.info("Globus connected automatically for {} from their sign-in (identity {})", shown(me.username()),
                shown(grant.subject()));
        return new Result(Outcome.CONNECTED, null);
    }

    /** The issuer Globus Auth at {@code roots} signs its id_tokens with: the auth URL without its trailing slash. */
    static String issuerOf(ServiceRoots roots) {
        String auth = roots.auth().toString();
        return auth.endsWith("/") ? auth.substring(0, auth.length() - 1) : auth;
    }

    /** Revokes the refresh token (that ends its access tokens at Globus), else the access token; never waits. */
    private void revokeLater(SignInGrants.Grant grant) {
        String token = grant.refreshToken() != null && !grant.refreshToken().isBlank() ? grant.refreshToken()
                : grant.accessToken();
        background.execute(() -> {
            try {
                grants.revoke(token);
            } catch (RuntimeException e) {
                warnOnce("revoke", "Could not revoke an unused sign-in grant: {}", shown(e.getMessage()));
            }
        });
    }

    private void warnOnce(String kind, String format, Object... args) {
        if (warned.size() < 100 && warned.add(kind)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    /** A value from outside, for the log: one line, bounded. */
    static String shown(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > MAX_SHOWN ? out + "…" : out.toString();
    }
}
