package org.sregistry.globussim;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.sregistry.globussim.auth.AuthRoutes;
import org.sregistry.globussim.auth.AuthorizationCodes;
import org.sregistry.globussim.auth.Clients;
import org.sregistry.globussim.auth.IdTokenFaults;
import org.sregistry.globussim.auth.SigningKeys;
import org.sregistry.globussim.auth.TokenService;
import org.sregistry.globussim.control.ControlRoutes;
import org.sregistry.globussim.control.FaultInjector;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.globussim.control.RequestStats;
import org.sregistry.globussim.control.SimulatorControl;
import org.sregistry.globussim.http.DispatchServlet;
import org.sregistry.globussim.http.ErrorStyle;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TaskRecord;
import org.sregistry.globussim.store.TaskStore;
import org.sregistry.globussim.store.AccessRule;
import org.sregistry.globussim.transfer.AccessRoutes;
import org.sregistry.globussim.transfer.AccessRuleBook;
import org.sregistry.globussim.transfer.EndpointAccess;
import org.sregistry.globussim.transfer.EndpointFactory;
import org.sregistry.globussim.transfer.EndpointRoutes;
import org.sregistry.globussim.transfer.FileRoutes;
import org.sregistry.globussim.transfer.TaskRoutes;
import org.sregistry.globussim.transfer.TransferAuth;
import org.sregistry.globussim.transfer.TransferEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * A running local stand-in for Globus Auth ({@code /auth/}) and Transfer ({@code /transfer/}), plus its control
 * API ({@code /sim/}). Start with {@link #start(SimulatorConfig)}; close to stop. State lives in the data dir.
 */
public final class GlobusSimulator implements AutoCloseable {
    private final Server server;
    private final URI baseUri;
    private final SimulatorConfig config;
    private final SimulatorControl control;
    private final TransferEngine engine;
    private final Identity defaultIdentity;

    private GlobusSimulator(Server server, URI baseUri, SimulatorConfig config, SimulatorControl control,
                            TransferEngine engine, Identity defaultIdentity) {
        this.server = server;
        this.baseUri = baseUri;
        this.config = config;
        this.control = control;
        this.engine = engine;
        this.defaultIdentity = defaultIdentity;
    }

    /** Starts a simulator; the data dir is created if missing and its previous state is loaded. */
    public static GlobusSimulator start(SimulatorConfig config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data dir " + config.dataDir(), e);
        }
        RuntimeSettings settings = new RuntimeSettings(config.accessTokenLifetime(), config.transferBytesPerSecond(),
                config.successfulTransfersPageSize());
        StateStore store = new StateStore(config.dataDir());
        Identity defaultIdentity = store.getOrCreateIdentity(config.defaultUsername());
        TaskStore tasks = new TaskStore(config.dataDir());
        TokenService tokens = new TokenService(store, settings);
        SigningKeys keys = new SigningKeys(config.dataDir().resolve("oidc-keys.json"));
        Clients clients = new Clients(config.dataDir().resolve("oidc-clients.json"));
        IdTokenFaults idTokenFaults = new IdTokenFaults();
        java.util.concurrent.atomic.AtomicReference<String> issuer = new java.util.concurrent.atomic.AtomicReference<>();
        AuthRoutes auth = new AuthRoutes(store, tokens, new AuthorizationCodes(), () -> defaultIdentity, keys, clients,
                issuer::get, idTokenFaults);
        TransferAuth transferAuth = new TransferAuth(tokens, store);
        EndpointAccess access = new EndpointAccess(store);
        EndpointFactory factory = new EndpointFactory(store, config.dataDir(), () -> defaultIdentity);
        TransferEngine engine = new TransferEngine(store, tasks, settings);
        RequestStats stats = new RequestStats();
        FaultInjector faults = new FaultInjector();
        SimulatorControl control = new SimulatorControl(store, tokens, auth, factory, tasks, engine, faults, stats, settings,
                config.defaultClientId(), keys, clients, idTokenFaults);

        Router router = new Router();
        auth.register(router);
        Router.Group transfer = router.group("/transfer", ErrorStyle.TRANSFER, false);
        new EndpointRoutes(transferAuth, access, store, factory, tasks).register(transfer);
        new FileRoutes(transferAuth, access).register(transfer);
        new TaskRoutes(transferAuth, access, tasks, engine, settings).register(transfer);
        AccessRuleBook accessRules = new AccessRuleBook(store);
        control.accessRuleBook(accessRules);
        new AccessRoutes(transferAuth, access, accessRules).register(transfer);
        new ControlRoutes(control, config.controlSecret()).register(router);

        for (TaskRecord t : tasks.find(t -> !t.isTerminal())) engine.resume(t);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("globus-sim-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.bind());
        connector.setPort(config.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new DispatchServlet(router, stats, faults)), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            engine.close();
            throw new IllegalStateException("Cannot start the Globus simulator on " + config.bind() + ":" + config.port(), e);
        }
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        URI base = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
        issuer.set(config.issuer() != null ? stripSlash(config.issuer()) : base + "auth");
        return new GlobusSimulator(server, base, config, control, engine, defaultIdentity);
    }

    /** {@code http://HOST:PORT/}. */
    public URI baseUri() { return baseUri; }

    /** The Auth service root, like {@code https://auth.globus.org/}. */
    public URI authRoot() { return baseUri.resolve("auth/"); }

    /** The Transfer service root, like {@code https://transfer.api.globus.org/}. */
    public URI transferRoot() { return baseUri.resolve("transfer/"); }

    /** The control API root ({@code /sim/}). */
    public URI controlRoot() { return baseUri.resolve("sim/"); }

    public int port() { return baseUri.getPort(); }

    /** The OIDC issuer: {@code http://HOST:PORT/auth} unless {@link SimulatorConfig.Builder#issuer} set another. */
    public String issuer() { return control.issuer(); }

    /** {@code {issuer}/.well-known/openid-configuration}. */
    public URI discoveryUri() { return URI.create(issuer() + "/.well-known/openid-configuration"); }

    /** Makes a new id_token signing key current (the old ones stay in the JWKS); returns its kid. */
    public String rotateSigningKey() { return control.rotateSigningKey(); }

    /** Removes a retired signing key from the JWKS. */
    public boolean removeSigningKey(String kid) { return control.removeSigningKey(kid); }

    /** Breaks the next {@code count} id_tokens (0 = until cleared) this way. */
    public void addIdTokenFault(IdTokenFaults.Mutation mutation, int count) { control.idTokenFaults().add(mutation, count); }

    public void clearIdTokenFaults() { control.idTokenFaults().clear(); }

    /** Registers a confidential client (id and secret generated when null). */
    public Clients.Registered registerClient(String clientId, String secret, String name, java.util.List<String> redirectUris) {
        return control.registerClient(clientId, secret, name, redirectUris);
    }

    public String defaultClientId() { return config.defaultClientId(); }

    public String defaultIdentityId() { return defaultIdentity.id; }

    public String defaultUsername() { return defaultIdentity.username; }

    // ---- Java twins of the control API

    /** The identity (created if new) with fresh offline tokens for userinfo and Transfer. */
    public IdentityTokens createIdentity(String username) { return control.createIdentity(username, null); }

    /** The identity (created if new) with fresh offline tokens for the given scope string. */
    public IdentityTokens createIdentity(String username, String scopes) { return control.createIdentity(username, scopes); }

    /** Fresh tokens for the default identity. */
    public IdentityTokens defaultIdentityTokens() { return control.createIdentity(defaultIdentity.username, null); }

    /** Creates (or, for an existing id, updates) an endpoint. */
    public Endpoint createEndpoint(EndpointSpec spec) { return control.createEndpoint(spec); }

    /**
     * Creates (or, for an existing id, updates) a GCS v5 guest collection, e.g.
     * {@code EndpointSpec.guest("Registry staging", mappedId, "/staging/").owner(serviceUsernameOrId)}; the owner may
     * be a confidential client ({@code <client_id>@clients.auth.globus.org}). Others reach it only through access rules.
     */
    public Endpoint createGuestCollection(EndpointSpec spec) { return control.createGuestCollection(spec); }

    /** The access rules in force on a guest collection (expired ones are gone), oldest first. */
    public java.util.List<AccessRule> accessRules(String endpointId) { return control.accessRules(endpointId); }

    /** Grants an identity (username or id) {@code r} or {@code rw} under {@code path}; returns the new rule. */
    public AccessRule addAccessRule(String endpointId, String identity, String path, String permissions) {
        return control.addAccessRule(endpointId, "identity", identity, path, permissions, null);
    }

    /** Removes an access rule; false when there is no such rule. */
    public boolean removeAccessRule(String endpointId, String ruleId) { return control.removeAccessRule(endpointId, ruleId); }

    /** What the simulator recorded about a task, including who submitted it; 404-style {@code ApiError} when unknown. */
    public SimTask task(String taskId) { return SimTask.of(control.task(taskId)); }

    /** All recorded tasks, oldest first. */
    public java.util.List<SimTask> tasks() { return control.tasks(null).stream().map(SimTask::of).toList(); }

    /** Tasks submitted by this identity (username or id), oldest first. */
    public java.util.List<SimTask> tasksSubmittedBy(String identity) {
        return control.tasks(identity).stream().map(SimTask::of).toList();
    }

    /** Approves an authorize request (its query string or whole URL) as the default identity; returns the code. */
    public String approve(String authorizeQuery) { return control.approve(authorizeQuery, null); }

    /** Approves an authorize request (its URL query string) as {@code identity} (id or username); the one-time code. */
    public String approveAs(String authorizeQuery, String identity) { return control.approve(authorizeQuery, identity); }

    public void addFault(FaultSpec fault) { control.addFault(fault); }

    public void clearFaults() { control.clearFaults(); }

    public int revokeAllTokens() { return control.revokeAllTokens(); }

    /** Revokes one identity's tokens only (id or username), as when that user's Globus login is revoked. */
    public int revokeTokensOf(String identity) { return control.revokeTokensOf(identity); }

    /** Forces an unfinished task to FAILED with this reason. */
    public void failTask(String taskId, String reason) { control.failTask(taskId, null, reason); }

    /** Writes finished tasks straight into the history (see {@link SimulatorControl#seedFinishedTasks}); returns their ids. */
    public java.util.List<String> seedFinishedTasks(int count, String status, String sourceEndpointId, String destinationEndpointId) {
        return control.seedFinishedTasks(count, status, null, sourceEndpointId, destinationEndpointId, null);
    }

    /** Request counts by route template ({@code "GET /transfer/v0.10/task/{task_id}"}), control routes excluded. */
    public Map<String, Long> stats() { return control.stats(); }

    /** The count for one route key, 0 when never called. */
    public long requestCount(String routeKey) { return control.stats().getOrDefault(routeKey, 0L); }

    public void resetStats() { control.resetStats(); }

    public void setAccessTokenLifetime(Duration d) { control.settings().accessTokenLifetime(d); }

    public void setTransferBytesPerSecond(long bps) { control.settings().transferBytesPerSecond(bps); }

    public void setSuccessfulTransfersPageSize(int n) { control.settings().successfulTransfersPageSize(n); }

    /** While held, new transfers stay ACTIVE without copying. */
    public void holdTransfers(boolean hold) { control.settings().holdTransfers(hold); }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        engine.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the Globus simulator", e);
        }
    }
}
