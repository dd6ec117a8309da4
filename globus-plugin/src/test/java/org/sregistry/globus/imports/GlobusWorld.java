package org.sregistry.globus.imports;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.InMemoryTokenProvider;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.client.TransferRequest;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.TokenStore;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimulatorConfig;
import org.sregistry.globussim.store.Endpoint;

/**
 * The Globus side of the import tests: the simulator in-process, the registry's endpoint (its root
 * holds the staging folder {@code /staging/}), a cluster endpoint backed by a folder, a Transfer
 * client logged in as the default identity, and helpers that submit pulls, pushes and foreign
 * transfers and record them in a ledger the way the plugin's submitter does (same JSON, same fields).
 */
public final class GlobusWorld implements AutoCloseable {
    static final String STAGING_PATH = "/staging/";

    public final GlobusSimulator sim;
    final IdentityTokens tokens;
    public final TransferClient transfer;
    /** The same login, without retries (a Globus fault is seen at once). */
    public final TransferClient transferOnce;
    public final Endpoint registryEndpoint;
    public final Endpoint cluster;
    final Path registryRoot;
    public final Path clusterRoot;
    public final StagingArea staging;

    public GlobusWorld(Path dir) throws IOException {
        sim = GlobusSimulator.start(SimulatorConfig.builder().port(0).dataDir(dir.resolve("sim"))
                .accessTokenLifetime(Duration.ofHours(48)).build());
        tokens = sim.defaultIdentityTokens();
        registryRoot = Files.createDirectories(dir.resolve("registry-endpoint"));
        clusterRoot = Files.createDirectories(dir.resolve("cluster"));
        staging = new StagingArea(Files.createDirectories(registryRoot.resolve("staging")), STAGING_PATH);
        registryEndpoint = sim.createEndpoint(EndpointSpec.named("sregistry-test").owner(sim.defaultUsername())
                .root(registryRoot));
        cluster = sim.createEndpoint(EndpointSpec.named("HPC Cluster").owner(sim.defaultUsername()).root(clusterRoot));
        GlobusClientConfig config = GlobusClientConfig.builder()
                .authRoot(URI.create(sim.authRoot().toString()))
                .transferRoot(URI.create(sim.transferRoot().toString()))
                .clientId(sim.defaultClientId()).build();
        transfer = new TransferClient(config, new AccessTokenManager(InMemoryTokenProvider.of(transferToken()),
                new GlobusAuthClient(config)));
        GlobusClientConfig once = GlobusClientConfig.builder()
                .authRoot(URI.create(sim.authRoot().toString()))
                .transferRoot(URI.create(sim.transferRoot().toString()))
                .clientId(sim.defaultClientId()).retryPolicy(org.sregistry.globus.client.RetryPolicy.none()).build();
        transferOnce = new TransferClient(once, new AccessTokenManager(InMemoryTokenProvider.of(transferToken()),
                new GlobusAuthClient(once)));
    }

    /** The login's transfer token, as the plugin stores it. */
    ResourceToken transferToken() {
        return new ResourceToken(GlobusScopes.TRANSFER_RESOURCE_SERVER, tokens.transfer().accessToken(),
                tokens.transfer().refreshToken(), Instant.now().plus(Duration.ofHours(47)), tokens.transfer().scope());
    }

    /** Writes the plugin's token file into a registry data dir (as {@code update-tokens} would). */
    public void logIn(Path registryDataDir) {
        Path file = registryDataDir.resolve("plugin-data").resolve("globus").resolve("tokens.json");
        new TokenStore(file).saveLogin(new TokenSet(Map.of(GlobusScopes.TRANSFER_RESOURCE_SERVER, transferToken()),
                null, null), null, new ServiceRoots(URI.create(sim.authRoot().toString()),
                URI.create(sim.transferRoot().toString())));
    }

    /** Registry settings that point the plugin at this world; the poll interval is long so tests tick by hand. */
    public Map<String, String> registrySettings(int pollSeconds) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(GlobusKeys.AUTH_URL, sim.authRoot().toString());
        m.put(GlobusKeys.TRANSFER_URL, sim.transferRoot().toString());
        m.put(GlobusKeys.CLIENT_ID, sim.defaultClientId());
        m.put(GlobusKeys.ENDPOINT, registryEndpoint.id);
        m.put(GlobusKeys.STAGING_DIR, staging.localDir().toString());
        m.put(GlobusKeys.STAGING_PATH, STAGING_PATH);
        m.put(GlobusKeys.POLL_SECONDS, Integer.toString(pollSeconds));
        return m;
    }

    /**
     * The registry's collection for many users: a guest collection whose root is the staging folder, owned by the
     * service identity (the default one, which {@link #logIn} stores as the registry's service connection).
     */
    public Endpoint guestCollection() {
        return sim.createGuestCollection(org.sregistry.globussim.EndpointSpec.guest("Registry staging", null, "/")
                .owner(sim.defaultUsername()).root(staging.localDir()));
    }

    /** The settings that make {@code guest} the registry's collection (its root is the staging folder). */
    public static Map<String, String> onGuestCollection(Endpoint guest) {
        return Map.of(GlobusKeys.ENDPOINT, guest.id, GlobusKeys.STAGING_PATH, "/");
    }

    /** A file on the cluster. */
    public Path clusterFile(String name, byte[] content) throws IOException {
        Path file = clusterRoot.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** Pulls {@code /~/name} from the cluster into a unique staged file, recorded as the submitter does. */
    public TransferRecord pull(TransferLedger ledger, String clusterName, String targetName) throws IOException {
        Path local = staging.newFile(clusterName);
        String source = "/~/" + clusterName;
        String destination = staging.endpointPathOf(local);
        String task = transfer.submitTransfer(TransferRequest.builder(cluster.id, registryEndpoint.id)
                .label("sregistry pull " + clusterName).verifyChecksum(true).notify(false, false, false)
                .addFile(source, destination).build()).taskId();
        TransferRecord record = new TransferRecord(task, Direction.GET, "sregistry pull " + clusterName, cluster.id,
                cluster.displayName, registryEndpoint.id, registryEndpoint.displayName,
                List.of(TransferItem.pending(source, destination, local.toString(), targetName)), Instant.now(), null,
                false, List.of("submitted: " + source + " as " + targetName));
        ledger.add(record);
        return record;
    }

    /** Pushes staged copies of {@code images} (content by file name) to {@code /~/out/}, recorded as the submitter does. */
    TransferRecord push(TransferLedger ledger, Map<String, byte[]> images) throws IOException {
        TransferRequest.Builder request = TransferRequest.builder(registryEndpoint.id, cluster.id)
                .label("sregistry push").verifyChecksum(true).notify(false, false, false);
        List<TransferItem> items = new java.util.ArrayList<>();
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Path blob = Files.write(Files.createTempFile("blob", ".sif"), image.getValue());
            Path local = staging.stage(blob, image.getKey());
            Files.delete(blob);
            String source = staging.endpointPathOf(local);
            String destination = "/~/out/" + image.getKey();
            request.addFile(source, destination);
            items.add(TransferItem.pending(source, destination, local.toString(), "demo/" + image.getKey()
                    .replace(".sif", "") + ":latest"));
        }
        Files.createDirectories(clusterRoot.resolve("out"));
        String task = transfer.submitTransfer(request.build()).taskId();
        TransferRecord record = new TransferRecord(task, Direction.PUT, "sregistry push", registryEndpoint.id,
                registryEndpoint.displayName, cluster.id, cluster.displayName, items, Instant.now(), null, false,
                List.of("submitted"));
        ledger.add(record);
        return record;
    }

    /** A transfer into the staging folder started outside the registry (no ledger record). */
    String foreignTransfer(String clusterName, String stagedName) {
        return transfer.submitTransfer(TransferRequest.builder(cluster.id, registryEndpoint.id)
                .label("from the Globus web app").addFile("/~/" + clusterName, STAGING_PATH + stagedName).build())
                .taskId();
    }

    /** Waits until Globus finished the task. */
    public Task awaitFinished(String taskId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> transfer.getTask(taskId), Task::isFinished);
    }

    /** Bytes that pass as an image file (the registry reads a SIF header when there is one, and accepts any file). */
    public static byte[] imageBytes(String text) {
        // a real (tiny) SIF: the registry accepts only container images
        byte[] payload = ("SIF-TEST " + text + " " + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            Path file = Files.createTempFile("image", ".sif");
            try {
                org.sregistry.registry.sif.SifWriter.write(file, payload);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
