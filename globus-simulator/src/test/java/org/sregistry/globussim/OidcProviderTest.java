package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcProviderTest extends SimulatorTestBase {
    static final String REDIRECT = "http://localhost:8099/login/oidc/callback";
    static final String SECRET = "s3cret+with/odd=chars";
    static final String CLIENT = "0b6a4f2e-7c1d-4e55-9a3b-2f8e1d6c5a70";

    @Test
    void discoveryDocumentLooksLikeGlobusAuthsOnTheSimulator() throws Exception {
        SimClient.Res r = http.get("/auth/.well-known/openid-configuration");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json();
        String iss = sim.baseUri() + "auth";
        assertThat(sim.issuer()).isEqualTo(iss);
        assertThat(d.get("issuer").asText()).isEqualTo(iss);
        assertThat(d.get("authorization_endpoint").asText()).isEqualTo(iss + "/v2/oauth2/authorize");
        assertThat(d.get("token_endpoint").asText()).isEqualTo(iss + "/v2/oauth2/token");
        assertThat(d.get("userinfo_endpoint").asText()).isEqualTo(iss + "/v2/oauth2/userinfo");
        assertThat(d.get("revocation_endpoint").asText()).isEqualTo(iss + "/v2/oauth2/token/revoke");
        assertThat(d.get("jwks_uri").asText()).isEqualTo(iss + "/jwk.json");
        assertThat(d.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS512\"]");
        assertThat(d.get("token_endpoint_auth_methods_supported").toString()).isEqualTo("[\"client_secret_basic\"]");
        assertThat(d.get("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(d.has("code_challenge_methods_supported")).isFalse();

        // Nimbus resolves it (and checks the issuer matches)
        OIDCProviderMetadata meta = OIDCProviderMetadata.resolve(new Issuer(sim.issuer()));
        assertThat(meta.getJWKSetURI().toString()).isEqualTo(iss + "/jwk.json");
        assertThat(meta.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.RS512);

        JWKSet jwks = JWKSet.load(meta.getJWKSetURI().toURL());
        assertThat(jwks.getKeys()).hasSize(1);
        assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
        assertThat(jwks.getKeys().get(0).getAlgorithm()).isEqualTo(JWSAlgorithm.RS512);
    }

    @Test
    void issuerIsConfigurable() {
        sim.close();
        sim = GlobusSimulator.start(config().issuer("https://auth.example.test/").build());
        http = new SimClient(sim.baseUri());
        JsonNode d = http.get("/auth/.well-known/openid-configuration").json();
        assertThat(d.get("issuer").asText()).isEqualTo("https://auth.example.test");
        assertThat(d.get("token_endpoint").asText()).isEqualTo("https://auth.example.test/v2/oauth2/token");
    }

    @Test
    void codeFlowIdTokenValidatesWithNimbusAndEchoesTheNonce() throws Exception {
        registerClient();
        JsonNode tokens = codeFlow("n0nce-123", basic(CLIENT, SECRET));
        String idToken = tokens.get("id_token").asText();
        // the rest of the response is as before
        assertThat(tokens.get("resource_server").asText()).isEqualTo("auth.globus.org");
        assertThat(tokens.get("other_tokens").isArray()).isTrue();

        OIDCProviderMetadata meta = OIDCProviderMetadata.resolve(new Issuer(sim.issuer()));
        IDTokenValidator validator = new IDTokenValidator(meta.getIssuer(), new ClientID(CLIENT),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS512, new ImmutableJWKSet<>(JWKSet.load(meta.getJWKSetURI().toURL()))),
                null);
        IDTokenClaimsSet claims = validator.validate(JWTParser.parse(idToken), new Nonce("n0nce-123"));
        assertThat(claims.getSubject().getValue()).isEqualTo(sim.defaultIdentityId());
        assertThat(claims.getNonce().getValue()).isEqualTo("n0nce-123");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("admin@example.org");
        assertThat(claims.getStringClaim("email")).isEqualTo("admin@example.org");
        assertThat(claims.getStringClaim("name")).isEqualTo("Admin");
        assertThat(claims.getStringClaim("identity_provider")).isNotBlank();
        List<Object> set = claims.toJWTClaimsSet().getListClaim("identity_set");
        assertThat(set).hasSize(1);
        assertThat(((Map<?, ?>) set.get(0)).get("sub")).isEqualTo(sim.defaultIdentityId());
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        // at_hash binds the top-level (auth.globus.org) access token
        AccessTokenValidator.validate(new BearerAccessToken(tokens.get("access_token").asText()), JWSAlgorithm.RS512,
                claims.getAccessTokenHash());
        assertThat(claims.getAccessTokenHash()).isInstanceOf(AccessTokenHash.class);

        // a different nonce is refused
        assertThatThrownBy(() -> validator.validate(JWTParser.parse(idToken), new Nonce("other")))
                .isInstanceOf(BadJOSEException.class);
        // another client's validator refuses it (aud)
        IDTokenValidator other = new IDTokenValidator(meta.getIssuer(), new ClientID(sim.defaultClientId()),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS512, new ImmutableJWKSet<SecurityContext>(
                        JWKSet.load(meta.getJWKSetURI().toURL()))), null);
        assertThatThrownBy(() -> other.validate(JWTParser.parse(idToken), new Nonce("n0nce-123")))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void wrongOrMissingClientSecretIsInvalidClient() throws Exception {
        registerClient();
        String code = approveCode("n");
        SimClient.Res wrong = exchange(code, basic(CLIENT, "nope"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_client");

        SimClient.Res none = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", approveCode("n"), "redirect_uri", REDIRECT, "client_id", CLIENT));
        assertThat(none.status()).as(none.body()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void unregisteredRedirectUriIsRefused() throws Exception {
        registerClient();
        String query = authorizeQuery("http://evil.example/cb", "n");
        SimClient.Res page = http.get("/auth/v2/oauth2/authorize?" + query);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("redirect_uri");
        SimClient.Res control = http.get("/sim/authorize?" + query);
        assertThat(control.status()).as(control.body()).isEqualTo(400);
        assertThat(control.body()).contains("not one of the client's registered redirect URIs");
        // the registered one works
        assertThat(http.get("/auth/v2/oauth2/authorize?" + authorizeQuery(REDIRECT, "n")).status()).isEqualTo(200);
    }

    @Test
    void rotatedKeySignsNewTokensAndOldKeyStaysUntilRemoved() throws Exception {
        registerClient();
        String jwks0 = http.get("/auth/jwk.json").body();
        String kid0 = SignedJWT.parse(codeFlow("a", basic(CLIENT, SECRET)).get("id_token").asText()).getHeader().getKeyID();
        assertThat(JWKSet.parse(jwks0).getKeyByKeyId(kid0)).isNotNull();

        SimClient.Res rot = http.postJson("/sim/oidc/rotate-key", Map.of());
        assertThat(rot.status()).as(rot.body()).isEqualTo(200);
        String kid1 = rot.json().get("kid").asText();
        assertThat(kid1).isNotEqualTo(kid0);

        String idToken = codeFlow("b", basic(CLIENT, SECRET)).get("id_token").asText();
        assertThat(SignedJWT.parse(idToken).getHeader().getKeyID()).isEqualTo(kid1);
        assertThat(JWKSet.parse(jwks0).getKeyByKeyId(kid1)).isNull();
        JWKSet jwks1 = JWKSet.parse(http.get("/auth/jwk.json").body());
        assertThat(jwks1.getKeyByKeyId(kid1)).isNotNull();
        assertThat(jwks1.getKeyByKeyId(kid0)).as("old key stays published").isNotNull();
        IDTokenValidator v = new IDTokenValidator(new Issuer(sim.issuer()), new ClientID(CLIENT),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS512, new ImmutableJWKSet<>(jwks1)), null);
        v.validate(JWTParser.parse(idToken), new Nonce("b"));

        assertThat(http.delete("/sim/oidc/keys/" + kid1).status()).as("current key").isEqualTo(400);
        assertThat(http.delete("/sim/oidc/keys/" + kid0).status()).isEqualTo(200);
        assertThat(JWKSet.parse(http.get("/auth/jwk.json").body()).getKeyByKeyId(kid0)).isNull();
    }

    @Test
    void nativeAppFlowStillWorksWithoutASecret() throws Exception {
        String q = "client_id=" + sim.defaultClientId() + "&redirect_uri=" + SimClient.enc("http://localhost:1/cb")
                + "&scope=" + SimClient.enc("openid profile email") + "&nonce=xyz";
        String code = http.get("/sim/authorize?" + q).json().get("code").asText();
        SimClient.Res r = http.postForm("/auth/v2/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://localhost:1/cb", "client_id", sim.defaultClientId()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JWT jwt = JWTParser.parse(r.json().get("id_token").asText());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("xyz");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(sim.defaultClientId());
    }

    @Test
    void idTokenFaultsBreakTheNextTokensOneWayEach() throws Exception {
        registerClient();
        IDTokenValidator v = new IDTokenValidator(new Issuer(sim.issuer()), new ClientID(CLIENT),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS512,
                        new ImmutableJWKSet<>(JWKSet.parse(http.get("/auth/jwk.json").body()))), null);
        for (String m : List.of("bad_signature", "wrong_audience", "wrong_issuer", "wrong_nonce", "expired", "unknown_kid")) {
            SimClient.Res add = http.postJson("/sim/oidc/id-token-faults", Map.of("mutation", m, "count", 1));
            assertThat(add.status()).as(add.body()).isEqualTo(200);
            String idToken = codeFlow("nn", basic(CLIENT, SECRET)).get("id_token").asText();
            assertThatThrownBy(() -> v.validate(JWTParser.parse(idToken), new Nonce("nn"))).as(m)
                    .isInstanceOf(BadJOSEException.class);
        }
        assertThat(http.get("/sim/oidc/id-token-faults").json().get("id_token_faults")).isEmpty();
        // used up: the next one is good again
        v.validate(JWTParser.parse(codeFlow("nn", basic(CLIENT, SECRET)).get("id_token").asText()), new Nonce("nn"));
        assertThat(http.postJson("/sim/oidc/id-token-faults", Map.of("mutation", "nonsense")).status()).isEqualTo(400);
    }

    @Test
    void confidentialRefreshNeedsTheSecretToo() {
        registerClient();
        String q = authorizeQuery(REDIRECT, "n") + "&access_type=offline";
        String code = http.get("/sim/authorize?" + q).json().get("code").asText();
        SimClient.Res r = exchange(code, basic(CLIENT, SECRET));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String refresh = r.json().get("refresh_token").asText();
        SimClient.Res bad = http.postFormWithHeader("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh), "Authorization", basic(CLIENT, "wrong"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid_client");
        // raw (not form-encoded) Basic credentials, as the Python SDK sends them, are accepted too
        String raw = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        SimClient.Res ok = http.postFormWithHeader("/auth/v2/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh), "Authorization", raw);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void keysAndClientsSurviveARestart() throws Exception {
        registerClient();
        String idToken = codeFlow("r", basic(CLIENT, SECRET)).get("id_token").asText();
        String kid1 = sim.rotateSigningKey();
        restart();
        JWKSet jwks = JWKSet.parse(http.get("/auth/jwk.json").body());
        assertThat(jwks.getKeyByKeyId(kid1)).isNotNull();
        assertThat(jwks.getKeyByKeyId(SignedJWT.parse(idToken).getHeader().getKeyID())).isNotNull();
        assertThat(SignedJWT.parse(codeFlow("r2", basic(CLIENT, SECRET)).get("id_token").asText()).getHeader().getKeyID())
                .isEqualTo(kid1);
        assertThat(exchange(approveCode("x"), basic(CLIENT, "wrong")).status()).isEqualTo(401);
        java.nio.file.Path keyFile = tmp.resolve("data").resolve("oidc-keys.json");
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile)).as("private keys: owner only")
                    .containsOnly(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    // ---- helpers

    void registerClient() {
        SimClient.Res r = http.postJson("/sim/oidc/clients", Map.of("id", CLIENT, "secret", SECRET, "name", "registry",
                "redirect_uris", List.of(REDIRECT)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("client_id").asText()).isEqualTo(CLIENT);
    }

    String authorizeQuery(String redirect, String nonce) {
        return "client_id=" + CLIENT + "&redirect_uri=" + SimClient.enc(redirect) + "&scope="
                + SimClient.enc("openid profile email") + "&state=st&response_type=code&nonce=" + SimClient.enc(nonce);
    }

    String approveCode(String nonce) {
        SimClient.Res r = http.get("/sim/authorize?" + authorizeQuery(REDIRECT, nonce));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("code").asText();
    }

    JsonNode codeFlow(String nonce, String basic) {
        SimClient.Res r = exchange(approveCode(nonce), basic);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    SimClient.Res exchange(String code, String basicHeader) {
        return http.postFormWithHeader("/auth/v2/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT), "Authorization", basicHeader);
    }

    /** As Nimbus's ClientSecretBasic sends it: both parts form-encoded. */
    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((SimClient.enc(id) + ":" + SimClient.enc(secret))
                .getBytes(StandardCharsets.UTF_8));
    }
}
