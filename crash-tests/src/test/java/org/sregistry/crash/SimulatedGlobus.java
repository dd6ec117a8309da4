package org.sregistry.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.store.Endpoint;

/**
 * The Globus simulator in the test JVM, so that it outlives every registry process: a cluster endpoint backed by a
 * local folder, the registry's own endpoint rooted at the staging folder ({@code /~/}), and the settings that point
 * the plugin at both (passed to the registry as environment variables, the way an operator would).
 */
final class SimulatedGlobus implements AutoCloseable {
    /** The simulator's route for a transfer submit (counted before it is served). */
    static final String SUBMIT = "POST /transfer/v0.10/transfer";
    /** Read by the import task once a pull finished, right before it adds the file. */
    static final String SUCCESSFUL_TRANSFERS = "GET /transfer/v0.10/task/{task_id}/successful_transfers";

    final GlobusSimulator sim;
    final Path clusterRoot;
    final Path stagingDir;
    final Endpoint cluster;
    final Endpoint registryEndpoint;

    private SimulatedGlobus(GlobusSimulator sim, Path clusterRoot, Path stagingDir, Endpoint cluster,
                            Endpoint registryEndpoint) {
        this.sim = sim;
        this.clusterRoot = clusterRoot;
        this.stagingDir = stagingDir;
        this.cluster = cluster;
        this.registryEndpoint = registryEndpoint;
    }

    static SimulatedGlobus start(Path dir) throws IOException {
        GlobusSimulator sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(dir.resolve("sim"))
                .accessTokenLifetime(Duration.ofDays(30)).build());
        Path cluster = Files.createDirectories(dir.resolve("cluster"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Endpoint clusterEndpoint = sim.createEndpoint(EndpointSpec.named("HPC Cluster").owner(sim.defaultUsername())
                .root(cluster));
        Endpoint own = sim.createEndpoint(EndpointSpec.named("Registry staging").owner(sim.defaultUsername())
                .root(staging));
        return new SimulatedGlobus(sim, cluster, staging, clusterEndpoint, own);
    }

    /** The plugin's settings, as environment variables of the registry process. */
    Map<String, String> registryEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLUGIN_GLOBUS_AUTH_URL", sim.authRoot().toString());
        env.put("PLUGIN_GLOBUS_TRANSFER_URL", sim.transferRoot().toString());
        env.put("PLUGIN_GLOBUS_CLIENT_ID", sim.defaultClientId());
        env.put("PLUGIN_GLOBUS_ENDPOINT", registryEndpoint.id);
        env.put("PLUGIN_GLOBUS_STAGING_DIR", stagingDir.toString());
        env.put("PLUGIN_GLOBUS_STAGING_PATH", "/~/");
        env.put("PLUGIN_GLOBUS_POLL_SECONDS", "1");
        return env;
    }

    /** Logs the registry in the way {@code --demo} does: the plugin's login API, the simulator's "Allow" page. */
    void connect(RegistryApi api) throws IOException {
        RegistryApi.Answer started = api.postJson("/api/globus/login", Map.of());
        if (started.status() != 200) {
            throw new IOException("POST /api/globus/login answered " + started.status() + ": " + started.body());
        }
        JsonNode login = started.json();
        String code = sim.approve(login.path("authorize_url").asText());
        RegistryApi.Answer done = api.postJson("/api/globus/login/" + login.path("login_id").asText(),
                Map.of("code", code));
        if (done.status() != 200 || !done.json().path("connected").asBoolean()) {
            throw new IOException("completing the Globus login answered " + done.status() + ": " + done.body());
        }
    }

    /** The local file behind an endpoint path {@code /~/...} of the cluster. */
    Path clusterFile(String endpointPath) {
        return clusterRoot.resolve(endpointPath.substring("/~/".length()));
    }

    /** The local file behind an endpoint path {@code /~/...} of the registry's staging endpoint. */
    Path stagedFile(String endpointPath) {
        return stagingDir.resolve(endpointPath.substring("/~/".length()));
    }

    long requests(String route) {
        return sim.requestCount(route);
    }

    @Override
    public void close() {
        sim.close();
    }
}
