package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthFlowTest extends SimulatorTestBase {
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9i-1sw5XBzAlD1fG8QxFRk0qw9Rx2yq7Q";
    static final String SCOPES = "openid profile email urn:globus:auth:scope:transfer.api.globus.org:all";

    static String challenge(String verifier) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    String authorizeQuery(String redirect) throws Exception {
        return "client_id=" + sim.defaultClientId() + "&redirect_uri=" + SimClient.enc(redirect)
                + "&scope=" + SimClient.enc(SCOPES) + "&state=st4te&response_type=code&code_challenge="
                + challenge(VERIFIER) + "&code_challenge_method=S256&access_type=offline";
    }

    String codeViaControl(String redirect) throws Exception {
        SimClient.Res r = http.get("/sim/authorize?" + authorizeQuery(redirect));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("st4te");
        return r.json().get("code").asText();
    }

    SimClient.Res exchange(String code, String verifier, String redirect) {
        return http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "code_verifier", verifier, "redirect_uri", redirect, "client_id", sim.defaultClientId()));
    }

    @Test
    void pkceCodeExchangeIssuesOneTokenPerResourceServer() throws Exception {
        String redirect = sim.authRoot() + "v2/web/auth-code";
        SimClient.Res r = exchange(codeViaControl(redirect), VERIFIER, redirect);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode top = r.json();
        assertThat(top.get("resource_server").asText()).isEqualTo("auth.globus.org");
        assertThat(top.get("scope").asText()).isEqualTo("openid profile email");
        assertThat(top.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(top.get("expires_in").asLong()).isEqualTo(172800);
        assertThat(top.get("state").asText()).isEqualTo("st4te");
        assertThat(top.get("refresh_token").asText()).isNotBlank();
        assertThat(top.get("id_token").asText().split("\\.")).hasSize(3);
        assertThat(top.get("other_tokens")).hasSize(1);
        JsonNode xfer = top.get("other_tokens").get(0);
        assertThat(xfer.get("resource_server").asText()).isEqualTo("transfer.api.globus.org");
        assertThat(xfer.get("scope").asText()).isEqualTo("urn:globus:auth:scope:transfer.api.globus.org:all");
        assertThat(xfer.get("refresh_token").asText()).isNotBlank();
        assertThat(xfer.fieldNames()).toIterable().contains("access_token", "expires_in", "token_type", "state");

        SimClient.Res search = http.get(X + "/endpoint_search?filter_scope=my-endpoints", xfer.get("access_token").asText());
        assertThat(search.status()).isEqualTo(200);
        SimClient.Res userinfo = http.get("/auth/v2/oauth2/userinfo", top.get("access_token").asText());
        assertThat(userinfo.status()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(sim.defaultIdentityId());
        assertThat(userinfo.json().get("preferred_username").asText()).isEqualTo("admin@example.org");
        assertThat(userinfo.json().get("email").asText()).isEqualTo("admin@example.org");
        // a transfer token is not an auth.globus.org token
        assertThat(http.get("/auth/v2/oauth2/userinfo", xfer.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void javaApiApprovesAWholeAuthorizeUrl() throws Exception {
        String redirect = "http://localhost:9999/cb";
        String code = sim.approve(sim.authRoot() + "v2/oauth2/authorize?" + authorizeQuery(redirect));
        assertThat(exchange(code, VERIFIER, redirect).status()).isEqualTo(200);
    }

    @Test
    void onlineAccessGivesNoRefreshTokens() throws Exception {
        String redirect = "http://localhost:9999/cb";
        String q = authorizeQuery(redirect).replace("access_type=offline", "access_type=online");
        String code = http.get("/sim/authorize?" + q).json().get("code").asText();
        JsonNode top = exchange(code, VERIFIER, redirect).json();
        assertThat(top.has("refresh_token")).isFalse();
        assertThat(top.get("other_tokens").get(0).has("refresh_token")).isFalse();
    }

    @Test
    void wrongVerifierAndReusedCodeAreInvalidGrant() throws Exception {
        String redirect = "http://localhost:9999/cb";
        SimClient.Res wrong = exchange(codeViaControl(redirect), VERIFIER + "x", redirect);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");

        String code = codeViaControl(redirect);
        assertThat(exchange(code, VERIFIER, redirect).status()).isEqualTo(200);
        SimClient.Res again = exchange(code, VERIFIER, redirect);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asText()).isEqualTo("invalid_grant");

        SimClient.Res otherRedirect = exchange(codeViaControl(redirect), VERIFIER, "http://localhost:9999/other");
        assertThat(otherRedirect.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void browserPageApprovesAndRedirectsWithCodeAndState() throws Exception {
        String redirect = "http://localhost:9999/cb";
        SimClient.Res page = http.get("/auth/v2/oauth2/authorize?" + authorizeQuery(redirect));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form", "Allow", "admin@example.org");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : authorizeQuery(redirect).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        SimClient.Res approved = http.postForm("/auth/v2/oauth2/authorize", form);
        assertThat(approved.status()).isEqualTo(302);
        String location = approved.header("Location");
        assertThat(location).startsWith("http://localhost:9999/cb?code=").endsWith("&state=st4te");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
        assertThat(exchange(code, VERIFIER, redirect).status()).isEqualTo(200);
    }

    @Test
    void defaultRedirectShowsTheAuthCodePage() throws Exception {
        String redirect = sim.authRoot() + "v2/web/auth-code";
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : authorizeQuery(redirect).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        SimClient.Res approved = http.postForm("/auth/v2/oauth2/authorize", form);
        assertThat(approved.status()).isEqualTo(302);
        String location = approved.header("Location");
        assertThat(location).startsWith("/auth/v2/web/auth-code?code=");
        SimClient.Res page = http.get(location);
        assertThat(page.status()).isEqualTo(200);
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf('&'));
        assertThat(page.body()).contains("id=\"auth-code\">" + code + "<");
        assertThat(exchange(code, VERIFIER, redirect).status()).isEqualTo(200);
    }

    @Test
    void refreshReturnsOneTokenAndRotatesTheRefreshToken() {
        String oldRefresh = admin.refreshToken();
        SimClient.Res r = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", oldRefresh, "client_id", sim.defaultClientId()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("resource_server").asText()).isEqualTo("transfer.api.globus.org");
        assertThat(body.get("other_tokens").isArray()).isTrue();
        assertThat(body.get("other_tokens")).isEmpty();
        assertThat(body.get("refresh_token").asText()).isNotEqualTo(oldRefresh);
        assertThat(body.get("access_token").asText()).isNotEqualTo(token);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", body.get("access_token").asText()).status())
                .isEqualTo(200);

        SimClient.Res reuse = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", oldRefresh, "client_id", sim.defaultClientId()));
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json().get("error").asText()).isEqualTo("invalid_grant");
        SimClient.Res rotated = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", body.get("refresh_token").asText(), "client_id", sim.defaultClientId()));
        assertThat(rotated.status()).isEqualTo(200);
    }

    @Test
    void revokedTokensGet401WithGlobusBodies() {
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).status()).isEqualTo(200);
        SimClient.Res revoke = http.postForm("/auth/v2/oauth2/token/revoke", Map.of("token", token, "client_id", sim.defaultClientId()));
        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().get("active").asBoolean()).isFalse();
        SimClient.Res after = http.get(X + "/endpoint_search?filter_scope=my-endpoints", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("code").asText()).isEqualTo("ClientError.AuthenticationFailed");
        assertThat(after.json().fieldNames()).toIterable().contains("message", "request_id", "resource");

        // revoking the refresh token kills it for refresh
        http.postForm("/auth/v2/oauth2/token/revoke", Map.of("token", admin.refreshToken(), "client_id", sim.defaultClientId()));
        SimClient.Res refresh = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", admin.refreshToken(), "client_id", sim.defaultClientId()));
        assertThat(refresh.json().get("error").asText()).isEqualTo("invalid_grant");

        SimClient.Res userinfo = http.get("/auth/v2/oauth2/userinfo", admin.auth().accessToken());
        assertThat(userinfo.status()).isEqualTo(200);
        sim.revokeAllTokens();
        SimClient.Res denied = http.get("/auth/v2/oauth2/userinfo", admin.auth().accessToken());
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(denied.json().get("errors").get(0).get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(denied.json().get("errors").get(0).get("status").asText()).isEqualTo("401");
    }

    @Test
    void revokingOneIdentitysTokensLeavesTheOthersAlone() throws Exception {
        IdentityTokens alice = sim.createIdentity("alice-rev@example.org");
        IdentityTokens bob = sim.createIdentity("bob-rev@example.org");
        SimClient.Res revoked = http.postJson("/sim/tokens/revoke", "{\"identity\":\"alice-rev@example.org\"}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asInt()).isPositive();
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", alice.accessToken()).status()).isEqualTo(401);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", bob.accessToken()).status()).isEqualTo(200);
        assertThat(http.postJson("/sim/tokens/revoke", "{\"identity\":\"nobody@example.org\"}").status()).isEqualTo(404);
        assertThat(sim.revokeTokensOf("bob-rev@example.org")).isPositive();
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", bob.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void expiredAccessTokenGets401AndRefreshStillWorks() throws Exception {
        sim.setAccessTokenLifetime(Duration.ofSeconds(1));
        IdentityTokens shortLived = sim.createIdentity("shorty@example.org");
        assertThat(shortLived.transfer().expiresIn()).isEqualTo(1);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", shortLived.accessToken()).status()).isEqualTo(200);
        Thread.sleep(1100);
        SimClient.Res expired = http.get(X + "/endpoint_search?filter_scope=my-endpoints", shortLived.accessToken());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asText()).isEqualTo("ClientError.AuthenticationFailed");
        SimClient.Res refreshed = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", shortLived.refreshToken(), "client_id", sim.defaultClientId()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(http.get(X + "/endpoint_search?filter_scope=my-endpoints", refreshed.json().get("access_token").asText())
                .status()).isEqualTo(200);
    }

    @Test
    void missingTokenAndBadInputAreRejected() {
        SimClient.Res none = http.get(X + "/endpoint_search?filter_scope=my-endpoints");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("ClientError.AuthenticationFailed");
        assertThat(none.json().get("resource").asText()).isEqualTo("/v0.10/endpoint_search");
        SimClient.Res garbage = http.get(X + "/endpoint_search?filter_scope=my-endpoints", "not-a-token");
        assertThat(garbage.status()).isEqualTo(401);
        SimClient.Res badGrant = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "password"));
        assertThat(badGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        SimClient.Res badScope = http.get("/sim/authorize?client_id=" + sim.defaultClientId()
                + "&redirect_uri=x&response_type=code&scope=nonsense");
        assertThat(badScope.status()).isEqualTo(400);
    }
}
