package org.sregistry.host.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.sregistry.api.ImageQuery;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.auth.oidc.OidcOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: the registry with the Globus plugin against an in-process Globus simulator
 * seeded with a demo world, a few images, and already connected (the real login flow is run
 * against the simulator at start, through the plugin's own login API): the registry's service
 * connection as {@link DemoWorld#SERVICE}, which owns the registry's guest collection (so every user
 * transfers as their own Globus identity), and the admin's own connection as the simulator's default
 * identity.
 */
public final class DemoMode implements AutoCloseable {
    /** The banner every page shows in demo mode. */
    public static final String BANNER = "Demo mode — Globus here, sign-in included, is a local simulator; no real Globus service is used.";
    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The registry's confidential OIDC client at the simulator (fixed, so restarts replace it). */
    static final String OIDC_CLIENT_ID = "3e7b9c14-5d2a-4f86-a0c1-7b9e2d4f6a05";

    private final GlobusSimulator simulator;
    private final Path stagingDir;
    private final Path dataDir;

    private DemoMode(GlobusSimulator simulator, Path stagingDir, Path dataDir) {
        this.simulator = simulator;
        this.stagingDir = stagingDir;
        this.dataDir = dataDir;
    }

    /** Starts and seeds the simulator for a data dir. */
    public static DemoMode start(Path dataDir) throws IOException {
        Path stagingDir = dataDir.resolve("globus-staging").toAbsolutePath();
        // The simulator's control API (/sim/) could hand out tokens for the demo identity to anyone on loopback: it is
        // closed by a secret that only this process knows (and never uses: the demo drives the simulator in-process).
        GlobusSimulator simulator = GlobusSimulator.start(SimulatorConfig.builder().port(0)
                .dataDir(dataDir.resolve("globus-simulator")).transferBytesPerSecond(1_500_000L)
                .controlSecret(randomSecret()).build());
        DemoWorld.seed(simulator, dataDir, stagingDir);
        DemoMode demo = new DemoMode(simulator, stagingDir, dataDir);
        // CLI commands on this data dir see the same settings as the demo server ('globus status' and the rest)
        DemoSettings.write(dataDir, demo.settings());
        return demo;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The values the demo sets as start flags: the Globus plugin on, pointed at the simulator. */
    Map<String, String> settings() {
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        flags.put("PLUGIN_GLOBUS_ENABLED", "true");
        flags.put("PLUGIN_GLOBUS_AUTH_URL", simulator.authRoot().toString());
        flags.put("PLUGIN_GLOBUS_TRANSFER_URL", simulator.transferRoot().toString());
        flags.put("PLUGIN_GLOBUS_CLIENT_ID", simulator.defaultClientId());
        flags.put("PLUGIN_GLOBUS_ENDPOINT", DemoWorld.REGISTRY_ENDPOINT);
        flags.put("PLUGIN_GLOBUS_STAGING_DIR", stagingDir.toString());
        // the guest collection's root is the staging folder (what guest mode needs; PLUGIN_GLOBUS_SHARING stays auto)
        flags.put("PLUGIN_GLOBUS_STAGING_PATH", "/");
        flags.put("PLUGIN_GLOBUS_POLL_SECONDS", "5");
        return flags;
    }

    /**
     * The server options with the Globus plugin enabled and pointed at the simulator, and "Sign in with Globus" on
     * {@code /login} against the simulator: a confidential client is registered there (a fresh secret each start)
     * with the redirect URI the server on {@code port} will send, so the port is bound before this
     * ({@link org.sregistry.host.http.HttpListener#open}). The OIDC values are start flags only: the secret is not
     * written to {@link DemoSettings}' file.
     */
    public ServerOptions apply(ServerOptions options, int port) {
        Map<String, String> flags = new HashMap<>(options.flagValues());
        settings().forEach((key, value) -> {
            if (!key.equals("PLUGIN_GLOBUS_ENABLED")) {
                flags.put(key, value);
            }
        });
        java.net.URI redirect = RegistryServer.oidcRedirectUri(options, port);
        var client = simulator.registerClient(OIDC_CLIENT_ID, randomSecret(), "Registry sign-in (demo)",
                java.util.List.of(redirect.toString()));
        flags.put(OidcOptions.ISSUER, simulator.issuer());
        flags.put(OidcOptions.CLIENT_ID, client.clientId());
        flags.put(OidcOptions.CLIENT_SECRET, client.clientSecret());
        // a user who signs in with Globus consents to Transfer too, so /globus connects them without a second login
        flags.putIfAbsent(OidcOptions.SCOPES, OidcOptions.DEFAULT_SCOPES
                + " urn:globus:auth:scope:transfer.api.globus.org:all");
        LOG.info("Demo: 'Sign in with Globus' on /login signs in with the simulator's identities ({}); client {},"
                + " redirect URI {}", String.join(", ", DemoWorld.SIGN_IN_IDENTITIES), client.clientId(), redirect);
        java.util.Set<String> enabled = new java.util.HashSet<>(options.enabledPlugins());
        enabled.add("globus");
        return options.with(enabled, flags, BANNER);
    }

    /** After start: images in an empty registry, and Globus connected. */
    public void populate(RegistryServer server) {
        try {
            if (server.registry().list(ImageQuery.all()).total() == 0) {
                Path dir = server.dataDir().resolve("demo-images");
                for (var image : DemoWorld.registryImages(dir).entrySet()) {
                    server.registry().add(image.getValue(), image.getKey(), Map.of("demo", "seeded at start"));
                }
            }
        } catch (IOException e) {
            LOG.warn("Demo: could not add the demo images: {}", e.toString());
        }
        try {
            connectGlobus(server);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Demo: could not connect Globus automatically ({}); use 'Connect Globus' on /globus", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The real login flow against the simulator, driven through the plugin's login API as the admin: first the
     * registry's service connection (while it is not logged in, the plugin works single-user and the admin's login is
     * the service connection's) as {@link DemoWorld#SERVICE}; once that identity administers the registry's guest
     * collection, the plugin is in guest mode and the admin's next login is their own, as the default identity.
     */
    private void connectGlobus(RegistryServer server) throws IOException, InterruptedException {
        if (!java.nio.file.Files.exists(server.accounts().initialPasswordFile())) {
            // the admin chose a password: the demo cannot log in for them (Connect Globus on /globus)
            LOG.info("Demo: the admin password was changed, so Globus is not connected automatically; connect the"
                    + " registry on /globus as {} (its service identity), then your own identity", DemoWorld.SERVICE);
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + java.nio.file.Files.readString(server.accounts().initialPasswordFile()).trim())
                        .getBytes(StandardCharsets.UTF_8));
        URI base = server.baseUri();
        JsonNode me = me(http, base, basic);
        if (!me.path("own").asBoolean() && !DemoWorld.SERVICE.equals(identity(me))) {
            // single-user until the service identity is logged in: this login is the service connection's
            login(http, base, basic, DemoWorld.SERVICE);
            LOG.info("Demo: the registry's service connection is logged in as {}", DemoWorld.SERVICE);
            me = me(http, base, basic);
        }
        if (!me.path("own").asBoolean()) {
            LOG.warn("Demo: the registry's collection is not in guest mode, so every transfer runs as {}",
                    identity(me));
            return;
        }
        if (!"connected".equals(me.path("connection").path("state").asText())) {
            login(http, base, basic, simulator.defaultUsername());
        }
        LOG.info("Demo: Globus connected; the admin's own identity is {}, the registry's is {}",
                simulator.defaultUsername(), DemoWorld.SERVICE);
    }

    /** {@code GET /api/globus/me} as the admin. */
    private static JsonNode me(HttpClient http, URI base, String basic) throws IOException, InterruptedException {
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(base.resolve("/api/globus/me"))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (me.statusCode() != 200) {
            throw new IOException("/api/globus/me answered " + me.statusCode());
        }
        return JSON.readTree(me.body());
    }

    private static String identity(JsonNode me) {
        return me.path("connection").path("identity").path("username").asText(null);
    }

    /** One login through the plugin's API, approved at the simulator as {@code identity}. */
    private void login(HttpClient http, URI base, String basic, String identity)
            throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(base.resolve("/api/globus/login"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 200) {
            throw new IOException("login start answered " + started.statusCode());
        }
        JsonNode login = JSON.readTree(started.body());
        String code = simulator.approveAs(login.path("authorize_url").asText(), identity);
        HttpResponse<String> finished = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/globus/login/" + login.path("login_id").asText()))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("code", code)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (finished.statusCode() != 200) {
            throw new IOException("login completion answered " + finished.statusCode() + ": " + finished.body());
        }
    }

    /** The simulator (for tests). */
    public GlobusSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        DemoSettings.remove(dataDir);
        simulator.close();
    }
}
