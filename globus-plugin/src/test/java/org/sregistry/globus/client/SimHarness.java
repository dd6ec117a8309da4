package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.SimulatorConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test harness: the real Globus simulator in-process on a loopback port, clients wired to it with a recording
 * sleeper, and helpers for the simulator's {@code /sim/} control API.
 */
final class SimHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final GlobusSimulator sim;
    final URI base;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final GlobusClientConfig config;
    final GlobusAuthClient auth;
    private final HttpClient http = HttpClient.newHttpClient();

    SimHarness(Path dataDir) throws Exception {
        this(dataDir, Duration.ofSeconds(10));
    }

    SimHarness(Path dataDir, Duration requestTimeout) throws Exception {
        quietJetty();
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(dataDir)
                .accessTokenLifetime(Duration.ofHours(48)).transferBytesPerSecond(50_000_000L).build());
        base = URI.create(String.valueOf(sim.baseUri()));
        config = GlobusClientConfig.builder()
                .authRoot(URI.create(String.valueOf(sim.authRoot())))
                .transferRoot(URI.create(String.valueOf(sim.transferRoot())))
                .clientId(sim.defaultClientId())
                .requestTimeout(requestTimeout)
                .retryPolicy(RetryPolicy.withSleeper(sleeps::add))
                .build();
        auth = new GlobusAuthClient(config);
    }

    /** The module has no logback-test.xml of ours; keep Jetty's DEBUG chatter out of the test output. */
    static void quietJetty() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    /** Full native-app login through the simulator's approve-without-browser route. */
    TokenSet login() throws Exception {
        Pkce pkce = Pkce.generate();
        URI url = auth.authorizeUrl(AuthorizeRequest.builder(pkce).build());
        return auth.exchangeCode(approve(url), pkce, null);
    }

    /** The code the simulator's authorize page would show for this authorize URL. */
    String approve(URI authorizeUrl) throws Exception {
        return get("sim/authorize?" + authorizeUrl.getRawQuery()).get("code").asText();
    }

    /** Managers and clients for a login kept in memory. */
    AccessTokenManager manager(TokenSet tokens) {
        return new AccessTokenManager(InMemoryTokenProvider.of(tokens), auth);
    }

    TransferClient transfer(AccessTokenManager tokens) {
        return new TransferClient(config, tokens);
    }

    JsonNode createEndpoint(Map<String, Object> spec) throws Exception {
        return post("sim/endpoints", spec);
    }

    JsonNode createIdentity(String username) throws Exception {
        return post("sim/identities", Map.of("username", username));
    }

    void fault(String route, int status, int count, Integer retryAfter, long latencyMs) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("route", route);
        f.put("status", status);
        f.put("count", count);
        if (retryAfter != null) {
            f.put("retry_after", retryAfter);
        }
        f.put("latency_ms", latencyMs);
        post("sim/faults", f);
    }

    void clearFaults() throws Exception {
        send(HttpRequest.newBuilder(base.resolve("sim/faults")).DELETE().build());
    }

    void simConfig(Map<String, Object> settings) throws Exception {
        post("sim/config", settings);
    }

    void revokeAll() throws Exception {
        post("sim/tokens/revoke-all", Map.of());
    }

    void failTask(String taskId) throws Exception {
        post("sim/tasks/" + taskId + "/fail", Map.of());
    }

    /** Requests per route since the last reset. */
    int requests(String route) throws Exception {
        JsonNode n = get("sim/stats").path("requests").get(route);
        return n == null ? 0 : n.asInt();
    }

    void resetStats() throws Exception {
        post("sim/stats/reset", Map.of());
    }

    List<Duration> sleeps() {
        return new ArrayList<>(sleeps);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** Control calls are retried on a dropped keep-alive connection (the control API is idempotent enough). */
    private HttpResponse<String> send(HttpRequest request) throws Exception {
        java.io.IOException last = null;
        for (int i = 0; i < 3; i++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void close() throws Exception {
        sim.close();
    }
}
