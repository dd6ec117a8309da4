package org.sregistry.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens that a user's OpenID Connect sign-in received for other services, such as Globus Transfer. When the
 * operator asks for more than {@code openid profile email} at sign-in ({@code REGISTRY_OIDC_SCOPES}), the provider
 * answers with a token per resource server (Globus: {@code other_tokens}). The host keeps each one, sealed, until a
 * plugin {@link #take takes} it or the user's next sign-in replaces it; untaken grants are revoked after 30 days.
 * The tokens were issued to the host's sign-in client, so only the host can {@link #refresh} and {@link #revoke}
 * them: its client secret never reaches a plugin.
 *
 * <p>The host never calls a plugin during sign-in: a plugin pulls the grant when the user comes by.
 *
 * <pre>{@code
 * Access.Caller me = context.access().caller().orElseThrow();
 * context.signInGrants().take(me, "transfer.api.globus.org")
 *         .filter(g -> g.issuer().equals("https://auth.globus.org"))
 *         .ifPresent(g -> connections.save(me.username(), g));              // seal the tokens before storing
 * ...
 * try {
 *     SignInGrants.Grant fresh = context.signInGrants().refresh("transfer.api.globus.org", saved.refreshToken());
 * } catch (GrantRefusedException e) {
 *     connections.markNeedsUpdate(me.username());                            // revoked or expired: sign in again
 * } catch (GrantsUnavailableException e) {
 *     // the provider could not be asked now (or never, in the CLI): keep the tokens, try later
 * }
 * }</pre>
 */
public interface SignInGrants {

    /**
     * The grant for {@code resourceServer} from the caller's latest sign-in, handed over once: the host forgets it
     * in the same transaction, so two requests racing for it get it once between them. Empty when there is none
     * (no such scope asked for, already taken, replaced by a newer sign-in's, older than 30 days, the sign-in was
     * not with OpenID Connect, or this is the CLI).
     *
     * @param resourceServer e.g. {@code transfer.api.globus.org}
     */
    Optional<Grant> take(Access.Caller caller, String resourceServer);

    /**
     * New tokens for a refresh token of a grant taken here, asked for with the host's sign-in client. The result's
     * {@link Grant#subject() subject} is null (the token endpoint does not say whose tokens they are: keep the
     * taken grant's), and its {@link Grant#refreshToken() refresh token} is the one given when the provider did not
     * send a new one.
     *
     * @throws GrantRefusedException     when the provider refuses the refresh token ({@code invalid_grant}: revoked,
     *                                   expired, or not issued to this registry): the user must sign in again
     * @throws GrantsUnavailableException when the provider cannot be asked now (unreachable, another error), or at all
     *                                   (OpenID Connect sign-in is off, or in the CLI)
     */
    Grant refresh(String resourceServer, String refreshToken);

    /**
     * Revokes a token (access or refresh) of a grant taken here, e.g. when the user disconnects; revoking a refresh
     * token ends the access tokens made with it too at providers such as Globus. Does nothing when the provider has
     * no revocation endpoint.
     *
     * @throws GrantsUnavailableException when the provider could not be reached or refused, OpenID Connect sign-in is
     *                                   off, or in the CLI
     */
    void revoke(String token);

    /**
     * Tokens for one resource server. {@link #toString()} leaves the tokens out.
     *
     * @param issuer         the sign-in provider, e.g. {@code https://auth.globus.org}: accept a grant only from the
     *                       provider you expect
     * @param subject        the identity the tokens belong to (the id_token's {@code sub}; for Globus the identity
     *                       UUID); null after {@link #refresh}
     * @param resourceServer e.g. {@code transfer.api.globus.org}
     * @param accessToken    the access token
     * @param refreshToken   the refresh token, or null when the provider gave none
     * @param expiresAt      when the access token expires, or null when the provider did not say
     * @param scopes         the scopes granted, as the provider listed them (empty when it did not say)
     * @param username       the identity's user name at the provider as the sign-in's id_token gave it
     *                       ({@code preferred_username}, e.g. {@code alice@uni.edu}), or null (after
     *                       {@link #refresh}, or when the provider gave none)
     * @param name           the identity's display name from the id_token, or null
     */
    record Grant(String issuer, String subject, String resourceServer, String accessToken, String refreshToken,
                 Instant expiresAt, Set<String> scopes, String username, String name) {
        /** A grant without the identity's names (e.g. the answer of {@link #refresh}). */
        public Grant(String issuer, String subject, String resourceServer, String accessToken, String refreshToken,
                     Instant expiresAt, Set<String> scopes) {
            this(issuer, subject, resourceServer, accessToken, refreshToken, expiresAt, scopes, null, null);
        }

        public Grant {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(resourceServer, "resourceServer");
            Objects.requireNonNull(accessToken, "accessToken");
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Grant[issuer=" + issuer + ", subject=" + subject + ", username=" + username
                    + ", resourceServer=" + resourceServer
                    + ", accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt="
                    + expiresAt + ", scopes=" + scopes + "]";
        }
    }
}
