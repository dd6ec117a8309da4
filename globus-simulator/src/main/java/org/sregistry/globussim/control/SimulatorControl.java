package org.sregistry.globussim.control;

import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.RuntimeSettings;
import org.sregistry.globussim.TokenSet;
import org.sregistry.globussim.auth.AuthRoutes;
import org.sregistry.globussim.auth.AuthorizationRequest;
import org.sregistry.globussim.auth.Clients;
import org.sregistry.globussim.auth.IdTokenFaults;
import org.sregistry.globussim.auth.SigningKeys;
import org.sregistry.globussim.auth.RequestedScopes;
import org.sregistry.globussim.auth.TokenService;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.store.AccessRule;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TaskRecord;
import org.sregistry.globussim.store.TaskStore;
import org.sregistry.globussim.transfer.AccessRuleBook;
import org.sregistry.globussim.transfer.EndpointFactory;
import org.sregistry.globussim.transfer.TransferEngine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operations of the control API, shared by its HTTP routes and the Java embedding API. */
public final class SimulatorControl {
    /** Scopes of tokens minted by {@link #createIdentity}: userinfo plus Transfer. */
    public static final String DEFAULT_SCOPES = "openid profile email " + RequestedScopes.TRANSFER_SCOPE;

    private final StateStore store;
    private final TokenService tokens;
    private final AuthRoutes auth;
    private final EndpointFactory endpoints;
    private final TaskStore tasks;
    private final TransferEngine engine;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final RuntimeSettings settings;
    private final String defaultClientId;
    private final SigningKeys keys;
    private final Clients clients;
    private final IdTokenFaults idTokenFaults;
    private AccessRuleBook accessRules;

    public SimulatorControl(StateStore store, TokenService tokens, AuthRoutes auth, EndpointFactory endpoints, TaskStore tasks,
                            TransferEngine engine, FaultInjector faults, RequestStats stats, RuntimeSettings settings,
                            String defaultClientId, SigningKeys keys, Clients clients, IdTokenFaults idTokenFaults) {
        this.idTokenFaults = idTokenFaults;
        this.keys = keys;
        this.clients = clients;
        this.store = store;
        this.tokens = tokens;
        this.auth = auth;
        this.endpoints = endpoints;
        this.tasks = tasks;
        this.engine = engine;
        this.faults = faults;
        this.stats = stats;
        this.settings = settings;
        this.defaultClientId = defaultClientId;
    }

    /** The identity (created if new) with fresh offline tokens for {@code scopes} (null = {@link #DEFAULT_SCOPES}). */
    public IdentityTokens createIdentity(String username, String scopes) {
        if (username == null || username.isBlank()) throw ApiError.badRequest("'username' is required");
        Identity identity = store.getOrCreateIdentity(username.trim());
        RequestedScopes requested = RequestedScopes.parse(scopes == null ? DEFAULT_SCOPES : scopes);
        Map<String, TokenSet> byServer = new LinkedHashMap<>();
        long expiresIn = tokens.expiresInSeconds();
        for (TokenService.IssuedToken t : tokens.issue(identity, defaultClientId, requested, true)) {
            byServer.put(t.access().resourceServer, new TokenSet(t.access().resourceServer, t.access().token,
                    t.refresh().token, t.access().scope, expiresIn));
        }
        TokenSet transfer = byServer.get(RequestedScopes.TRANSFER_RS);
        TokenSet main = transfer != null ? transfer : byServer.values().iterator().next();
        return new IdentityTokens(identity.id, identity.username, main.accessToken(), main.refreshToken(), byServer);
    }

    /** Approves an authorize request given as its URL query string; returns the one-time code. */
    public String approve(String query, String identity) {
        Map<String, String> params = parseQuery(query);
        AuthorizationRequest request = AuthorizationRequest.from(params::get);
        Identity who = null;
        if (identity != null) {
            who = store.identityByIdOrUsername(identity);
            if (who == null) throw ApiError.notFound("ClientError.NotFound", "Unknown identity '" + identity + "'");
        }
        return auth.approveAs(request, who);
    }

    public Endpoint createEndpoint(EndpointSpec spec) { return endpoints.createOrUpdate(spec); }

    /** Wires the access rule book (set once at start). */
    public void accessRuleBook(AccessRuleBook book) { this.accessRules = book; }

    /** Creates (or updates) a guest collection: {@link #createEndpoint} with entity type {@code GCSv5_guest_collection} unless another guest type is given. */
    public Endpoint createGuestCollection(EndpointSpec spec) {
        if (spec.entityType == null) spec.entityType = "GCSv5_guest_collection";
        if (!spec.entityType.endsWith("_guest_collection")) {
            throw ApiError.badRequest("entity_type of a guest collection must be GCSv5_guest_collection or GCP_guest_collection");
        }
        return endpoints.createOrUpdate(spec);
    }

    /** The access rules in force on an endpoint (404 unknown endpoint). */
    public List<AccessRule> accessRules(String endpointId) {
        return accessRules.rules(requireEndpoint(endpointId));
    }

    /**
     * Adds an access rule as the collection's owner would (no manager check). {@code principal}: a username or
     * identity id for {@code identity} rules (unknown usernames are created), a group UUID, or null/empty for
     * {@code all_authenticated_users} / {@code anonymous}. Same validation and {@code Exists} error as the Transfer API.
     */
    public AccessRule addAccessRule(String endpointId, String principalType, String principal, String path,
                                    String permissions, String expirationDate) {
        Endpoint e = requireEndpoint(endpointId);
        String type = principalType == null || principalType.isBlank() ? "identity" : principalType;
        String who = principal;
        if (type.equals("identity") && principal != null && !principal.isBlank()) {
            Identity i = store.identityByIdOrUsername(principal);
            if (i == null && !org.sregistry.globussim.http.Ids.isUuid(principal)) i = store.getOrCreateIdentity(principal);
            who = i != null ? i.id : principal;
        }
        return accessRules.create(e, new AccessRuleBook.Request(type, who, path, permissions, null, null, expirationDate), e.ownerId);
    }

    /** Removes an access rule; false when the endpoint has no such rule. */
    public boolean removeAccessRule(String endpointId, String ruleId) {
        Endpoint e = requireEndpoint(endpointId);
        if (e.accessRules.stream().noneMatch(r -> r.id.equals(ruleId))) return false;
        accessRules.delete(e, ruleId);
        return true;
    }

    /** A recorded task, or 404 {@code TaskNotFound}. */
    public TaskRecord task(String taskId) {
        TaskRecord t = tasks.get(taskId);
        if (t == null) throw ApiError.notFound("TaskNotFound", "Task '" + taskId + "' not found");
        return t;
    }

    /** Recorded tasks, oldest first; only those submitted by {@code owner} (username or id) when it is given. */
    public List<TaskRecord> tasks(String owner) {
        String ownerId = null;
        if (owner != null && !owner.isBlank()) {
            Identity who = store.identityByIdOrUsername(owner);
            ownerId = who == null ? owner : who.id;
        }
        String want = ownerId;
        List<TaskRecord> out = new java.util.ArrayList<>(tasks.find(t -> want == null || want.equals(t.ownerId)));
        out.sort(java.util.Comparator.comparing((TaskRecord t) -> t.requestTime == null ? java.time.Instant.EPOCH : t.requestTime)
                .thenComparing(t -> t.taskId));
        return out;
    }

    public void addFault(FaultSpec spec) { faults.add(spec); }

    public void clearFaults() { faults.clear(); }

    public int revokeAllTokens() { return tokens.revokeAll(); }

    /** Revokes the tokens of one identity (id or username) only; 404 for an unknown identity. */
    public int revokeTokensOf(String identity) {
        Identity who = identity == null ? null : store.identityByIdOrUsername(identity);
        if (who == null) throw ApiError.notFound("ClientError.NotFound", "Unknown identity '" + identity + "'");
        return tokens.revokeIdentity(who.id);
    }

    /** Forces an unfinished task to end FAILED with the reason; 404 unknown, 409 already finished. */
    public TaskRecord failTask(String taskId, String code, String reason) {
        TaskRecord t = tasks.get(taskId);
        if (t == null) throw ApiError.notFound("TaskNotFound", "Task '" + taskId + "' not found");
        String why = reason == null || reason.isBlank() ? "Failed by the simulator's control API" : reason;
        if (!engine.abort(t, TransferEngine.Abort.failed(code == null || code.isBlank() ? "FORCED_FAILURE" : code, why))) {
            throw new ApiError(409, "Conflict", "Task '" + taskId + "' has already finished (" + t.status + ")");
        }
        return t;
    }

    /**
     * Writes {@code count} already-finished TRANSFER tasks into the history without copying anything (for tests
     * that need a long history). Request times lie in the past, one second apart, oldest first; each task has one
     * item {@code /~/seed/<n>} → {@code /~/seed/<n>}, listed as a successful transfer when SUCCEEDED.
     */
    public List<String> seedFinishedTasks(int count, String status, String owner, String sourceEndpoint,
                                          String destinationEndpoint, String label) {
        if (count < 1 || count > 100_000) throw ApiError.badRequest("'count' must be between 1 and 100000");
        String st = status == null ? "SUCCEEDED" : status.toUpperCase(java.util.Locale.ROOT);
        if (!st.equals("SUCCEEDED") && !st.equals("FAILED")) throw ApiError.badRequest("'status' must be SUCCEEDED or FAILED");
        Identity who = owner == null ? store.identity(defaultIdentityId()) : store.identityByIdOrUsername(owner);
        if (who == null) throw ApiError.notFound("ClientError.NotFound", "Unknown identity '" + owner + "'");
        Endpoint src = requireEndpoint(sourceEndpoint);
        Endpoint dst = requireEndpoint(destinationEndpoint);
        java.time.Instant base = java.time.Instant.now().minusSeconds(2L * count + 10);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaskRecord t = new TaskRecord();
            t.taskId = org.sregistry.globussim.http.Ids.uuid();
            t.submissionId = org.sregistry.globussim.http.Ids.uuid();
            t.label = label == null ? "seeded task " + i : label;
            t.ownerId = who.id;
            t.ownerUsername = who.username;
            t.requestTime = base.plusSeconds(2L * i);
            t.startedAt = t.requestTime;
            t.completionTime = t.requestTime.plusSeconds(1);
            t.sourceEndpointId = src.id;
            t.destinationEndpointId = dst.id;
            t.sourceDisplayName = src.displayName;
            t.destinationDisplayName = dst.displayName;
            TaskRecord.Item item = new TaskRecord.Item();
            item.sourcePath = "/~/seed/" + i;
            item.destinationPath = "/~/seed/" + i;
            t.items.add(item);
            t.files = 1;
            t.subtasksTotal = 1;
            t.status = st;
            t.niceStatus = null;
            t.niceStatusShortDescription = null;
            if (st.equals("SUCCEEDED")) {
                t.filesTransferred = 1;
                t.subtasksSucceeded = 1;
                TaskRecord.Transferred done = new TaskRecord.Transferred();
                done.sourcePath = item.sourcePath;
                done.destinationPath = item.destinationPath;
                t.successfulTransfers.add(done);
                t.addEvent("SUCCEEDED", false, "The task completed successfully", null);
            } else {
                t.subtasksFailed = 1;
                t.niceStatus = "FILE_NOT_FOUND";
                t.niceStatusShortDescription = "Seeded failure";
                t.fatalError = new LinkedHashMap<>(Map.of("code", "FILE_NOT_FOUND", "description", "Seeded failure"));
                t.addEvent("FILE_NOT_FOUND", true, "Seeded failure", null);
            }
            tasks.addIfNew(t);
            ids.add(t.taskId);
        }
        return ids;
    }

    private Endpoint requireEndpoint(String id) {
        Endpoint e = id == null ? null : store.endpoint(id);
        if (e == null) throw ApiError.notFound("EndpointNotFound", "No such endpoint with id '" + id + "'");
        return e;
    }

    private String defaultIdentityId() {
        return auth.defaultIdentityId();
    }

    public String issuer() { return auth.issuer(); }

    public String rotateSigningKey() { return keys.rotate(); }

    public boolean removeSigningKey(String kid) {
        try {
            return keys.remove(kid);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    public List<String> signingKeyIds() { return keys.kids(); }

    public Clients.Registered registerClient(String clientId, String secret, String name, List<String> redirectUris) {
        return clients.register(clientId, secret, name, redirectUris);
    }

    public IdTokenFaults idTokenFaults() { return idTokenFaults; }

    public List<Clients.Client> clients() { return clients.all(); }

    public boolean removeClient(String clientId) { return clients.remove(clientId); }

    public Map<String, Long> stats() { return stats.snapshot(); }

    public long totalRequests() { return stats.total(); }

    public void resetStats() { stats.reset(); }

    public FaultInjector faults() { return faults; }

    public RuntimeSettings settings() { return settings; }

    public StateStore store() { return store; }

    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) return out;
        String q = query.startsWith("?") ? query.substring(1) : query;
        int qm = q.indexOf('?');
        if (q.startsWith("http") && qm >= 0) q = q.substring(qm + 1); // a whole authorize URL was passed
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
