package org.sregistry.globus.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sregistry.api.GrantRefusedException;
import org.sregistry.api.GrantsUnavailableException;
import org.sregistry.api.SignInGrants;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.InMemoryTokenProvider;
import org.sregistry.globus.client.LoginRequiredException;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenProvider;
import org.sregistry.globus.client.TokenRenewer;
import org.sregistry.globus.tokens.UserConnection;

/**
 * Which client renews a connection's tokens: the plugin's own for a Connect, the host's sign-in client for tokens
 * from a sign-in, chosen when a refresh starts; a dropped refresh result is revoked where it was issued.
 */
class OriginRenewerTest {
    private static final String RS = GlobusScopes.TRANSFER_RESOURCE_SERVER;
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicReference<String> origin = new AtomicReference<>(UserConnection.ORIGIN_CONNECT);
    private final RecordingRenewer plugin = new RecordingRenewer("plugin");
    private final FakeSignInGrants grants = new FakeSignInGrants();
    private final HostGrantRenewer host = new HostGrantRenewer(grants);
    private final OriginRenewer renewer = new OriginRenewer(origin::get, plugin, host);

    /** A token that expired a minute ago. */
    private static ResourceToken expired(String suffix) {
        return new ResourceToken(RS, "access-" + suffix, "refresh-" + suffix, NOW.minusSeconds(60),
                GlobusScopes.TRANSFER_ALL);
    }

    private static SignInGrants.Grant fresh(String suffix) {
        return new SignInGrants.Grant("https://auth.globus.org", null, RS, "access-" + suffix, "refresh-" + suffix,
                NOW.plusSeconds(3600), Set.of(GlobusScopes.TRANSFER_ALL));
    }

    @Test
    void aConnectIsRenewedByThePluginsClientAndASignInByTheHost() {
        assertThat(renewer.chosen()).isSameAs(plugin);
        assertThat(new AccessTokenManager(InMemoryTokenProvider.of(expired("a")), renewer, clock).accessToken(RS))
                .isEqualTo("access-plugin");
        assertThat(plugin.calls).containsExactly("renew refresh-a");
        assertThat(grants.refreshedWith).isEmpty();
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        assertThat(renewer.chosen()).isSameAs(host);
        origin.set(null); // a record from before origins were written
        assertThat(renewer.chosen()).isSameAs(plugin);
    }

    @Test
    void withoutAPluginClientIdOnlySignInTokensRenew() {
        OriginRenewer noClient = new OriginRenewer(origin::get, null, host);
        assertThat(noClient.chosen()).isNull();
        assertThatThrownBy(() -> noClient.renew(RS, "r")).isInstanceOf(GlobusNotConfiguredException.class);
        AccessTokenManager manager = new AccessTokenManager(InMemoryTokenProvider.of(expired("a")), noClient, clock);
        assertThat(manager.usable(RS)).isFalse();

        origin.set(UserConnection.ORIGIN_SIGN_IN);
        grants.refresh = (rs, token) -> fresh("b");
        assertThat(manager.usable(RS)).isTrue();
        assertThat(manager.accessToken(RS)).isEqualTo("access-b");
    }

    @Test
    void anExpiredSignInTokenIsRefreshedThroughTheHostAndTheRotatedRefreshTokenIsKept() {
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        InMemoryTokenProvider provider = InMemoryTokenProvider.of(expired("a"));
        grants.refresh = (rs, token) -> fresh("b");
        AccessTokenManager manager = new AccessTokenManager(provider, renewer, clock);

        assertThat(manager.accessToken(RS)).isEqualTo("access-b");
        assertThat(grants.refreshedWith).containsExactly("refresh-a");
        assertThat(plugin.calls).isEmpty();
        ResourceToken stored = provider.token(RS).orElseThrow();
        assertThat(stored.refreshToken()).isEqualTo("refresh-b");
        assertThat(stored.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(stored.scope()).isEqualTo(GlobusScopes.TRANSFER_ALL);
    }

    @Test
    void aRefreshTheHostAnswersWithoutANewRefreshTokenKeepsTheOldOne() {
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        InMemoryTokenProvider provider = InMemoryTokenProvider.of(expired("a"));
        grants.refresh = (rs, token) -> new SignInGrants.Grant("https://auth.globus.org", null, RS, "access-b",
                token, NOW.plusSeconds(3600), Set.of());
        new AccessTokenManager(provider, renewer, clock).accessToken(RS);
        assertThat(provider.token(RS).orElseThrow().refreshToken()).isEqualTo("refresh-a");
        assertThat(provider.token(RS).orElseThrow().scope()).as("no scope named: the old one stays")
                .isEqualTo(GlobusScopes.TRANSFER_ALL);
    }

    @Test
    void aRefusedSignInRefreshIsALoginRequiredAndAnUnreachableHostIsNot() {
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        AccessTokenManager manager = new AccessTokenManager(InMemoryTokenProvider.of(expired("a")), renewer, clock);
        grants.refresh = (rs, token) -> {
            throw new GrantRefusedException("the sign-in provider refused the refresh token");
        };
        assertThatThrownBy(() -> manager.accessToken(RS)).isInstanceOf(LoginRequiredException.class)
                .hasMessageContaining("refused the refresh token").hasMessageNotContaining("refresh-a");

        grants.refresh = (rs, token) -> {
            throw new GrantsUnavailableException("the provider did not answer");
        };
        assertThatThrownBy(() -> manager.accessToken(RS)).isInstanceOf(GlobusApiException.class)
                .isNotInstanceOf(LoginRequiredException.class)
                .satisfies(e -> assertThat(((GlobusApiException) e).networkError()).isTrue())
                .hasMessageContaining("did not answer");
    }

    @Test
    void aRefreshTokenRotatedByAnotherProcessIsAdopted() {
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        InMemoryTokenProvider provider = InMemoryTokenProvider.of(expired("a"));
        grants.refresh = (rs, token) -> {
            // the other process's refresh landed first; ours is refused, as the provider rotated the token
            provider.put(new ResourceToken(RS, "access-other", "refresh-other", NOW.plusSeconds(3600), null));
            throw new GrantRefusedException("refresh token already used");
        };
        assertThat(new AccessTokenManager(provider, renewer, clock).accessToken(RS)).isEqualTo("access-other");
        assertThat(grants.revoked).isEmpty();
    }

    @Test
    void aResultDroppedBecauseTheConnectionChangedIsRevokedByTheClientThatIssuedIt() {
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        ResourceToken used = expired("a");
        List<ResourceToken> stored = new ArrayList<>(List.of(used));
        TokenProvider provider = new TokenProvider() {
            @Override
            public java.util.Optional<ResourceToken> token(String resourceServer) {
                return java.util.Optional.of(stored.get(stored.size() - 1));
            }

            @Override
            public boolean tokenRefreshed(ResourceToken before, ResourceToken refreshed) {
                return stored.get(stored.size() - 1).refreshToken().equals(before.refreshToken());
            }
        };
        grants.refresh = (rs, token) -> {
            // meanwhile the user disconnected and connected with the plugin's own login
            origin.set(UserConnection.ORIGIN_CONNECT);
            stored.add(new ResourceToken(RS, "access-connect", "refresh-connect", NOW.plusSeconds(7200), null));
            return fresh("b");
        };
        String token = new AccessTokenManager(provider, renewer, clock).accessToken(RS);

        assertThat(token).as("what is stored now wins").isEqualTo("access-connect");
        assertThat(grants.revoked).as("the host issued it, the host revokes it").containsExactly("refresh-b");
        assertThat(plugin.calls).isEmpty();
    }

    @Test
    void theLoginTokensOfAConnectionAreRevokedWhereTheyWereIssued() {
        AccessTokenManager manager = new AccessTokenManager(new InMemoryTokenProvider(), renewer, clock);
        assertThat(manager.renewer()).containsSame(plugin);
        origin.set(UserConnection.ORIGIN_SIGN_IN);
        manager.renewer().orElseThrow().revoke("refresh-x");
        assertThat(grants.revoked).containsExactly("refresh-x");
    }

    @Test
    void anUnreachableHostAtRevokeIsAGlobusApiException() {
        FakeSignInGrants off = new FakeSignInGrants();
        off.revokeFails = new GrantsUnavailableException("OpenID Connect sign-in is off");
        assertThatThrownBy(() -> new HostGrantRenewer(off).revoke("t")).isInstanceOf(GlobusApiException.class)
                .hasMessageContaining("sign-in is off");
    }

    /** The plugin's client, as far as a test needs it. */
    private static final class RecordingRenewer implements TokenRenewer {
        final String name;
        final List<String> calls = new ArrayList<>();

        RecordingRenewer(String name) {
            this.name = name;
        }

        @Override
        public ResourceToken renew(String resourceServer, String refreshToken) {
            calls.add("renew " + refreshToken);
            return new ResourceToken(resourceServer, "access-" + name, "refresh-" + name, NOW.plusSeconds(3600), null);
        }

        @Override
        public void revoke(String token) {
            calls.add("revoke " + token);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
