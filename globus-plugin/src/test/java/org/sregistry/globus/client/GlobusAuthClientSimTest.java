package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GlobusAuthClientSimTest {

    @TempDir
    static Path dir;
    static SimHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void clear() {
        h.sleeps.clear();
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void authorizeUrlHasPkceOfflineAccessAndTheDefaultRedirect() {
        Pkce pkce = Pkce.generate();
        URI url = h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).state("xyz")
                .param("session_required_single_domain", "example.edu").build());
        assertThat(url.toString()).startsWith(h.config.authRoot() + "v2/oauth2/authorize?");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("client_id", h.sim.defaultClientId())
                .containsEntry("redirect_uri", h.config.authRoot() + "v2/web/auth-code")
                .containsEntry("scope", "openid profile email urn:globus:auth:scope:transfer.api.globus.org:all")
                .containsEntry("state", "xyz")
                .containsEntry("response_type", "code")
                .containsEntry("code_challenge", pkce.challenge())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("access_type", "offline")
                .containsEntry("session_required_single_domain", "example.edu");
        assertThat(url.getRawQuery()).doesNotContain(pkce.verifier());
    }

    @Test
    void loginGivesTokensIndexedByResourceServerAndUserinfoWorks() throws Exception {
        TokenSet tokens = h.login();
        ResourceToken transfer = tokens.transfer().orElseThrow();
        ResourceToken auth = tokens.auth().orElseThrow();
        assertThat(transfer.scope()).contains(GlobusScopes.TRANSFER_ALL);
        assertThat(transfer.hasRefreshToken()).isTrue();
        assertThat(auth.hasRefreshToken()).isTrue();
        assertThat(auth.scopes()).contains("openid", "profile", "email");
        assertThat(transfer.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(48)), within(Duration.ofMinutes(1)));

        UserInfo me = h.auth.userinfo(h.manager(tokens));
        assertThat(me.sub()).isNotBlank();
        assertThat(me.displayName()).isNotBlank();
        assertThat(h.auth.userinfo(auth.accessToken()).sub()).isEqualTo(me.sub());
    }

    @Test
    void reusedCodeIsRejected() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = h.approve(h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).build()));
        h.auth.exchangeCode(code, pkce, null);
        assertThatThrownBy(() -> h.auth.exchangeCode(code, pkce, null))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_grant");
                    assertThat(e.status()).isIn(400, 401);
                    assertThat(e.loginRequired()).isFalse();
                });
    }

    @Test
    void pkceVerifierMismatchIsRejected() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = h.approve(h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).build()));
        assertThatThrownBy(() -> h.auth.exchangeCode(code, Pkce.generate(), null))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_grant"));
    }

    @Test
    void wrongRedirectUriIsRejected() throws Exception {
        Pkce pkce = Pkce.generate();
        String code = h.approve(h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).build()));
        assertThatThrownBy(() -> h.auth.exchangeCode(code, pkce, URI.create("https://example.org/cb")))
                .isInstanceOf(GlobusApiException.class);
    }

    @Test
    void refreshReturnsOneTokenAndTheManagerPersistsTheRotatedRefreshToken() throws Exception {
        TokenSet tokens = h.login();
        ResourceToken before = tokens.transfer().orElseThrow();
        TokenSet refreshed = h.auth.refresh(before.refreshToken());
        assertThat(refreshed.byResourceServer()).containsOnlyKeys(GlobusScopes.TRANSFER_RESOURCE_SERVER);

        InMemoryTokenProvider provider = InMemoryTokenProvider.of(refreshed);
        AccessTokenManager manager = new AccessTokenManager(provider, h.auth);
        ResourceToken again = manager.refreshNow(GlobusScopes.TRANSFER_RESOURCE_SERVER);
        assertThat(provider.token(GlobusScopes.TRANSFER_RESOURCE_SERVER)).contains(again);
        assertThat(again.accessToken()).isNotEqualTo(refreshed.transfer().orElseThrow().accessToken());
        if (!again.refreshToken().equals(refreshed.transfer().orElseThrow().refreshToken())) {
            // rotated: the old refresh token is dead, the stored new one works
            assertThatThrownBy(() -> h.auth.refresh(refreshed.transfer().orElseThrow().refreshToken()))
                    .isInstanceOf(LoginRequiredException.class);
        }
        assertThat(h.auth.refresh(again.refreshToken()).transfer()).isPresent();
    }

    @Test
    void revokedRefreshTokenMeansLoginRequired() throws Exception {
        TokenSet tokens = h.login();
        String refresh = tokens.transfer().orElseThrow().refreshToken();
        h.auth.revoke(refresh);
        assertThatThrownBy(() -> h.auth.refresh(refresh))
                .isInstanceOfSatisfying(LoginRequiredException.class, e -> {
                    assertThat(e.loginRequired()).isTrue();
                    assertThat(e.code()).isEqualTo("invalid_grant");
                    assertThat(e.status()).isIn(400, 401);
                    assertThat(e.getMessage()).doesNotContain(refresh);
                });
    }

    @Test
    void revokeAllKillsEveryTokenOfALogin() throws Exception {
        TokenSet tokens = h.login();
        h.auth.revokeAll(tokens);
        assertThatThrownBy(() -> h.auth.refresh(tokens.auth().orElseThrow().refreshToken()))
                .isInstanceOf(LoginRequiredException.class);
        assertThatThrownBy(() -> h.auth.userinfo(tokens.auth().orElseThrow().accessToken()))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void tokenCallsAreNeverRetried() throws Exception {
        TokenSet tokens = h.login();
        h.fault("POST /auth/v2/oauth2/token", 503, 1, 1, 0);
        assertThatThrownBy(() -> h.auth.refresh(tokens.transfer().orElseThrow().refreshToken()))
                .isInstanceOfSatisfying(GlobusApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.loginRequired()).isFalse();
                });
        assertThat(h.sleeps()).isEmpty();
        assertThat(h.auth.refresh(tokens.transfer().orElseThrow().refreshToken()).transfer()).isPresent();
    }

    @Test
    void consentLoginAsksForTheDataAccessDependency() throws Exception {
        String collection = "cc3897ac-141c-4aed-b284-86466b2845a7";
        String scope = GlobusScopes.transferWithDataAccess(List.of(collection));
        Pkce pkce = Pkce.generate();
        URI url = h.auth.authorizeUrl(AuthorizeRequest.builder(pkce).requiredScopes(List.of(scope)).build());
        assertThat(query(url).get("scope")).isEqualTo("openid profile email " + scope);
        TokenSet tokens = h.auth.exchangeCode(h.approve(url), pkce, null);
        assertThat(tokens.transfer().orElseThrow().scope()).startsWith(GlobusScopes.TRANSFER_ALL);
    }
}
