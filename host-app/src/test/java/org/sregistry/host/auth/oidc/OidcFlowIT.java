package org.sregistry.host.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.auth.IdTokenFaults;
import org.sregistry.host.testkit.ShiftableClock;

/**
 * The relying party against the Globus simulator on loopback: the test plays the browser (GET the authorize page,
 * POST its identity picker, read the redirect's Location without following it) and never needs a registry.
 */
class OidcFlowIT {
    static final String CLIENT = "0b6a4f2e-7c1d-4e55-9a3b-2f8e1d6c5a70";
    static final String SECRET = "s3cret+with/odd=chars";
    static final String REDIRECT = "http://127.0.0.1:1/login/oidc/callback";
    static final String SIM_IDP = "41143743-f3c8-4d60-bbdb-eeecaba85bd9";
    /** Where the OIDC tests' fixed clocks stand until moved ({@link ShiftableClock#startingAt}). */
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path tmp;
    GlobusSimulator sim;
    OidcProvider provider;
    OidcFlow flow;
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(tmp.resolve("sim"))
                .transferBytesPerSecond(0).build());
        sim.registerClient(CLIENT, SECRET, "registry", List.of(REDIRECT));
        provider = new OidcProvider(settings(sim.issuer(), SECRET));
        flow = new OidcFlow(provider);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static OidcSettings settings(String issuer, String secret) {
        Map<String, String> cfg = Map.of(OidcOptions.ISSUER, issuer, OidcOptions.CLIENT_ID, CLIENT,
                OidcOptions.CLIENT_SECRET, secret);
        return OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)), URI.create(REDIRECT)).orElseThrow();
    }

    @Test
    void happyPathMapsTheGlobusClaims() throws Exception {
        IdentityTokens alice = sim.createIdentity("alice@uchicago.edu");
        OidcFlow.Start start = flow.start();
        assertThat(start.codeVerifier()).as("the simulator, like Globus, lists no PKCE method").isNull();
        assertThat(start.authorizationUri().toString()).startsWith(sim.issuer() + "/v2/oauth2/authorize?");
        Map<String, String> q = query(start.authorizationUri());
        assertThat(q).containsEntry("client_id", CLIENT).containsEntry("redirect_uri", REDIRECT)
                .containsEntry("response_type", "code").containsEntry("scope", "openid profile email")
                .containsEntry("state", start.state()).containsEntry("nonce", start.nonce());
        assertThat(start.state()).isNotEqualTo(flow.start().state());

        URI callback = signIn(start, alice.id());
        assertThat(callback.toString()).startsWith(REDIRECT + "?");
        OidcIdentity who = flow.finishWithTokens(callback, start.pending()).identity();
        assertThat(who.issuer()).isEqualTo(sim.issuer());
        assertThat(who.subject()).isEqualTo(alice.id());
        assertThat(who.preferredUsername()).isEqualTo("alice@uchicago.edu");
        assertThat(who.name()).isEqualTo("Alice");
        assertThat(who.email()).isEqualTo("alice@uchicago.edu");
        assertThat(who.identityProvider()).isEqualTo(SIM_IDP);
        assertThat(who.identityProviderName()).isEqualTo("Globus Simulator IdP");
        assertThat(who.linkedSubjects()).containsExactly(alice.id());
        assertThat(who.groups()).isEmpty();
        assertThat(provider.problem()).isEmpty();
    }

    @Test
    void aScopeBeyondSignInAsksForOfflineAccessAndItsTokenComesBack() throws Exception {
        Map<String, String> cfg = Map.of(OidcOptions.ISSUER, sim.issuer(), OidcOptions.CLIENT_ID, CLIENT,
                OidcOptions.CLIENT_SECRET, SECRET, OidcOptions.SCOPES,
                "openid profile email urn:globus:auth:scope:transfer.api.globus.org:all");
        OidcFlow transfer = new OidcFlow(new OidcProvider(OidcSettings.from(k -> Optional.ofNullable(cfg.get(k)),
                URI.create(REDIRECT)).orElseThrow()));
        OidcFlow.Start start = transfer.start();
        assertThat(query(start.authorizationUri())).containsEntry("access_type", "offline");
        OidcFlow.Finished finished = transfer.finishWithTokens(signIn(start, null), start.pending());
        assertThat(finished.identity().subject()).isEqualTo(sim.defaultIdentityId());
        assertThat(finished.tokens()).singleElement().satisfies(t -> {
            assertThat(t.resourceServer()).isEqualTo("transfer.api.globus.org");
            assertThat(t.accessToken()).isNotBlank();
            assertThat(t.refreshToken()).as("offline access").isNotBlank();
            assertThat(t.scopes()).containsExactly("urn:globus:auth:scope:transfer.api.globus.org:all");
            assertThat(t.expiresAt()).isAfter(Instant.now());
        });

        OidcFlow.Start plain = flow.start();
        assertThat(query(plain.authorizationUri())).doesNotContainKey("access_type");
        assertThat(flow.finishWithTokens(signIn(plain, null), plain.pending()).tokens())
                .as("the auth.globus.org token is the sign-in's own").isEmpty();
    }

    @Test
    void wrongStateIsRefused() throws Exception {
        OidcFlow.Start start = flow.start();
        URI callback = signIn(start, null);
        OidcFlow.Pending other = new OidcFlow.Pending(flow.start().state(), start.nonce(), null);
        assertThatThrownBy(() -> flow.finishWithTokens(callback, other)).isInstanceOf(OidcException.class)
                .hasMessage("this sign-in does not match the one started in this browser; start again");
    }

    @Test
    void replayedCodeIsInvalidGrant() throws Exception {
        OidcFlow.Start start = flow.start();
        URI callback = signIn(start, null);
        flow.finishWithTokens(callback, start.pending());
        assertThatThrownBy(() -> flow.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("this sign-in was already used or has expired; start again");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BAD_SIGNATURE  | the id_token signature is not valid",
            "WRONG_AUDIENCE | the id_token was issued for another client",
            "EXPIRED        | the id_token has expired",
            "WRONG_NONCE    | the id_token's nonce does not match this sign-in",
            "UNKNOWN_KID    | the id_token was signed with an unknown key"})
    void brokenIdTokensAreRefusedWithTheirOwnMessage(IdTokenFaults.Mutation fault, String message) throws Exception {
        // one good sign-in first, so the JWKS is cached as in a running registry
        signInFully();
        sim.addIdTokenFault(fault, 1);
        OidcFlow.Start start = flow.start();
        URI callback = signIn(start, null);
        assertThatThrownBy(() -> flow.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage(message);
        // used up: the next sign-in works again
        signInFully();
    }

    @Test
    void wrongIssuerNamesTheExpectedOne() throws Exception {
        sim.addIdTokenFault(IdTokenFaults.Mutation.WRONG_ISSUER, 1);
        OidcFlow.Start start = flow.start();
        URI callback = signIn(start, null);
        assertThatThrownBy(() -> flow.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("the id_token's issuer is not " + sim.issuer());
    }

    @Test
    void unknownKidOnAColdCacheIsRefusedToo() throws Exception {
        sim.addIdTokenFault(IdTokenFaults.Mutation.UNKNOWN_KID, 1);
        OidcFlow.Start start = flow.start();
        URI callback = signIn(start, null);
        assertThatThrownBy(() -> flow.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("the id_token was signed with an unknown key");
    }

    @Test
    void keyRotationIsPickedUpByTheJwksRefetch() throws Exception {
        signInFully();
        long before = sim.requestCount("GET /auth/jwk.json");
        sim.rotateSigningKey();
        signInFully();
        assertThat(sim.requestCount("GET /auth/jwk.json")).as("refetched once for the new kid").isEqualTo(before + 1);
        signInFully();
        assertThat(sim.requestCount("GET /auth/jwk.json")).as("then cached").isEqualTo(before + 1);
    }

    @Test
    void providerErrorResponseShowsItsDescription() throws Exception {
        OidcFlow.Start start = flow.start();
        URI callback = URI.create(REDIRECT + "?error=access_denied&error_description=The+user+declined&state="
                + start.state());
        assertThatThrownBy(() -> flow.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("the sign-in provider refused the sign-in: The user declined");
        URI bare = URI.create(REDIRECT + "?error=access_denied&state=" + start.state());
        assertThatThrownBy(() -> flow.finishWithTokens(bare, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("the sign-in provider refused the sign-in: access_denied");
    }

    @Test
    void wrongClientSecretIsReportedAsAConfigurationProblem() throws Exception {
        OidcFlow wrong = new OidcFlow(new OidcProvider(settings(sim.issuer(), "not-the-secret")));
        OidcFlow.Start start = wrong.start();
        URI callback = signIn(start, null);
        assertThatThrownBy(() -> wrong.finishWithTokens(callback, start.pending())).isInstanceOf(OidcException.class)
                .hasMessage("the sign-in provider does not accept this registry's client id or secret;"
                        + " ask an administrator");
    }

    @Test
    void unreachableIssuerIsTheProblemAndStartFails() throws Exception {
        String issuer = "http://127.0.0.1:" + freePort() + "/auth";
        OidcProvider down = new OidcProvider(settings(issuer, SECRET));
        assertThat(down.problem()).contains("cannot reach the sign-in provider at " + issuer);
        assertThatThrownBy(() -> new OidcFlow(down).start()).isInstanceOf(OidcException.class)
                .hasMessage("cannot reach the sign-in provider at " + issuer);
    }

    @Test
    void issuerMismatchIsRefused() {
        sim.close();
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(tmp.resolve("sim2"))
                .transferBytesPerSecond(0).issuer("https://auth.example.test").build());
        String asked = sim.baseUri() + "auth";
        OidcProvider p = new OidcProvider(settings(asked, SECRET));
        assertThat(p.problem()).contains("the sign-in provider at " + asked
                + " calls itself https://auth.example.test; set REGISTRY_OIDC_ISSUER to exactly that");
    }

    @Test
    void afterAFailureDiscoveryIsRetriedOnlyAfterTheWait() {
        AtomicInteger calls = new AtomicInteger();
        ShiftableClock clock = ShiftableClock.startingAt(START);
        OidcProvider p = new OidcProvider(settings(sim.issuer(), SECRET), clock, Duration.ofMinutes(10), issuer -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("Connection refused");
            }
            return OidcProvider.fetch(issuer);
        });
        assertThat(p.problem()).contains("cannot reach the sign-in provider at " + sim.issuer());
        clock.advance(Duration.ofMinutes(9));
        assertThat(p.problem()).as("still the cached failure").isPresent();
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(p.problem()).isEmpty();
        assertThat(p.problem()).isEmpty();
        assertThat(calls).as("resolved once, then kept").hasValue(2);
    }

    @Test
    void pkceIsUsedWhenTheProviderListsS256() throws Exception {
        // the simulator, like Globus, does not advertise PKCE but does check a code_challenge it was given
        OidcProvider pkce = new OidcProvider(settings(sim.issuer(), SECRET), Clock.systemUTC(), Duration.ofMinutes(10),
                issuer -> {
                    var meta = OidcProvider.fetch(issuer);
                    meta.setCodeChallengeMethods(List.of(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256));
                    return meta;
                });
        OidcFlow f = new OidcFlow(pkce);
        OidcFlow.Start start = f.start();
        assertThat(start.codeVerifier()).isNotBlank();
        assertThat(query(start.authorizationUri())).containsEntry("code_challenge_method", "S256")
                .containsKey("code_challenge");
        URI callback = signIn(start, null);
        OidcFlow.Pending wrongVerifier = new OidcFlow.Pending(start.state(), start.nonce(),
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier().getValue());
        assertThatThrownBy(() -> f.finishWithTokens(callback, wrongVerifier)).isInstanceOf(OidcException.class)
                .hasMessage("this sign-in was already used or has expired; start again");
        OidcFlow.Start again = f.start();
        assertThat(f.finishWithTokens(signIn(again, null), again.pending()).identity().subject())
                .isEqualTo(sim.defaultIdentityId());
    }

    // ---- the "browser"

    /** A whole sign-in as the default identity. */
    OidcIdentity signInFully() throws Exception {
        OidcFlow.Start start = flow.start();
        return flow.finishWithTokens(signIn(start, null), start.pending()).identity();
    }

    /** Opens the authorize page, picks an identity (the default when null), returns the redirect's Location. */
    URI signIn(OidcFlow.Start start, String identity) throws Exception {
        return signIn(browser, sim, start, identity);
    }

    /** {@link #signIn(OidcFlow.Start, String)} with this browser at this simulator. */
    static URI signIn(HttpClient browser, GlobusSimulator sim, OidcFlow.Start start, String identity)
            throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(start.authorizationUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), unescape(m.group(2)));
        }
        assertThat(form).containsKeys("client_id", "state", "nonce");
        if (identity != null) {
            form.put("identity", identity);
        }
        form.put("decision", "allow");
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> reply = browser.send(HttpRequest.newBuilder(sim.baseUri().resolve("/auth/v2/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isBetween(300, 399);
        return URI.create(reply.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
        }
        return out;
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String dec(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
