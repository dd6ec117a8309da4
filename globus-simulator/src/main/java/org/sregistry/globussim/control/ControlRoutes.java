package org.sregistry.globussim.control;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.RuntimeSettings;
import org.sregistry.globussim.TokenSet;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.ErrorStyle;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.TaskRecord;
import org.sregistry.globussim.transfer.EndpointDocuments;
import org.sregistry.globussim.transfer.TaskDocuments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON control API under {@code /sim/}: open (no token, for tests on loopback), or closed by a control secret
 * that every call must bring as {@code Authorization: Bearer <secret>} (see the module README). A closed API answers
 * 401 to anyone else and hands out nothing: no codes, no tokens, no changes.
 */
public final class ControlRoutes {
    private final SimulatorControl control;
    private final byte[] secret;

    /** An open control API. */
    public ControlRoutes(SimulatorControl control) {
        this(control, null);
    }

    /** @param secret the control secret, or null for an open API */
    public ControlRoutes(SimulatorControl control, String secret) {
        this.control = control;
        this.secret = secret == null ? null : secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public void register(Router router) {
        new Guarded(router.group("/sim", ErrorStyle.CONTROL, true))
                .get("/authorize", this::authorize)
                .get("/identities", this::identities)
                .post("/identities", this::createIdentity)
                .get("/endpoints", this::endpoints)
                .post("/endpoints", this::createEndpoint)
                .post("/guest-collections", c -> Reply.json(document(control.createGuestCollection(endpointSpec(c.jsonObject())))))
                .get("/endpoints/{endpoint_id}/access", c -> Reply.json(Map.of("access_rules",
                        control.accessRules(c.path("endpoint_id")).stream().map(ControlRoutes::ruleDoc).toList())))
                .post("/endpoints/{endpoint_id}/access", this::addAccessRule)
                .delete("/endpoints/{endpoint_id}/access/{rule_id}", c -> {
                    if (!control.removeAccessRule(c.path("endpoint_id"), c.path("rule_id"))) {
                        throw ApiError.notFound("AccessRuleNotFound", "No access rule '" + c.path("rule_id") + "'");
                    }
                    return Reply.json(Map.of("removed", c.path("rule_id")));
                })
                .get("/tasks", c -> Reply.json(Map.of("tasks",
                        control.tasks(c.param("owner")).stream().map(ControlRoutes::taskSummary).toList())))
                .get("/tasks/{task_id}", c -> Reply.json(taskSummary(control.task(c.path("task_id")))))
                .get("/faults", c -> Reply.json(Map.of("faults", faultList())))
                .post("/faults", this::addFault)
                .delete("/faults", c -> {
                    control.clearFaults();
                    return Reply.json(Map.of("faults", List.of()));
                })
                .get("/oidc/keys", c -> Reply.json(keysDoc()))
                .post("/oidc/rotate-key", c -> {
                    String kid = control.rotateSigningKey();
                    Map<String, Object> d = keysDoc();
                    d.put("kid", kid);
                    return Reply.json(d);
                })
                .delete("/oidc/keys/{kid}", c -> {
                    if (!control.removeSigningKey(c.path("kid"))) {
                        throw ApiError.notFound("NotFound", "No signing key '" + c.path("kid") + "'");
                    }
                    return Reply.json(keysDoc());
                })
                .get("/oidc/clients", c -> Reply.json(Map.of("clients", control.clients().stream().map(ControlRoutes::clientDoc).toList())))
                .post("/oidc/clients", this::registerClient)
                .delete("/oidc/clients/{client_id}", c -> {
                    if (!control.removeClient(c.path("client_id"))) {
                        throw ApiError.notFound("NotFound", "No client '" + c.path("client_id") + "'");
                    }
                    return Reply.json(Map.of("removed", c.path("client_id")));
                })
                .get("/oidc/id-token-faults", c -> Reply.json(idTokenFaultsDoc()))
                .post("/oidc/id-token-faults", c -> {
                    JsonNode b = c.jsonObject();
                    control.idTokenFaults().add(org.sregistry.globussim.auth.IdTokenFaults.Mutation.parse(text(b, "mutation")),
                            b.path("count").asInt(1));
                    return Reply.json(idTokenFaultsDoc());
                })
                .delete("/oidc/id-token-faults", c -> {
                    control.idTokenFaults().clear();
                    return Reply.json(idTokenFaultsDoc());
                })
                .post("/tokens/revoke-all", c -> Reply.json(Map.of("revoked", control.revokeAllTokens())))
                .post("/tokens/revoke", c -> Reply.json(Map.of("revoked",
                        control.revokeTokensOf(c.jsonObject().path("identity").asText(null)))))
                .post("/tasks/{task_id}/fail", this::failTask)
                .post("/tasks/seed", this::seedTasks)
                .get("/config", c -> Reply.json(config()))
                .post("/config", this::setConfig)
                .get("/stats", c -> Reply.json(stats()))
                .post("/stats/reset", c -> {
                    control.resetStats();
                    return Reply.json(stats());
                });
    }

    /** Registers every route behind the control secret check. */
    private final class Guarded {
        private final Router.Group group;

        Guarded(Router.Group group) {
            this.group = group;
        }

        Guarded get(String path, org.sregistry.globussim.http.Handler h) {
            group.get(path, guard(h));
            return this;
        }

        Guarded post(String path, org.sregistry.globussim.http.Handler h) {
            group.post(path, guard(h));
            return this;
        }

        Guarded delete(String path, org.sregistry.globussim.http.Handler h) {
            group.delete(path, guard(h));
            return this;
        }
    }

    private org.sregistry.globussim.http.Handler guard(org.sregistry.globussim.http.Handler h) {
        return call -> {
            if (secret != null) {
                String given = call.bearerToken();
                if (given == null || !java.security.MessageDigest.isEqual(secret,
                        given.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    throw new ApiError(401, "Unauthorized", "The control API of this simulator is closed: it needs"
                            + " its control secret (Authorization: Bearer ...)");
                }
            }
            return h.handle(call);
        };
    }

    private Map<String, Object> idTokenFaultsDoc() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.sregistry.globussim.auth.IdTokenFaults.Entry e : control.idTokenFaults().list()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mutation", e.mutation().wire());
            d.put("count", e.remaining());
            out.add(d);
        }
        return Map.of("id_token_faults", out);
    }

    private Map<String, Object> keysDoc() {
        Map<String, Object> d = new LinkedHashMap<>();
        List<String> kids = control.signingKeyIds();
        d.put("current", kids.get(kids.size() - 1));
        d.put("kids", kids);
        return d;
    }

    /** {@code {"id"|"client_id", "secret"|"client_secret", "name", "redirect_uris":[...]}}; id and secret optional. */
    private Reply registerClient(Call call) {
        JsonNode b = call.jsonObject();
        String id = text(b, "client_id") != null ? text(b, "client_id") : text(b, "id");
        String secret = text(b, "client_secret") != null ? text(b, "client_secret") : text(b, "secret");
        JsonNode uris = b.path("redirect_uris");
        if (!uris.isArray()) throw ApiError.badRequest("'redirect_uris' must be an array of URIs");
        List<String> redirects = new ArrayList<>();
        uris.forEach(u -> redirects.add(u.asText()));
        org.sregistry.globussim.auth.Clients.Registered r = control.registerClient(id, secret, text(b, "name"), redirects);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("client_id", r.clientId());
        d.put("client_secret", r.clientSecret());
        d.put("name", r.name());
        d.put("redirect_uris", r.redirectUris());
        return Reply.json(d);
    }

    private static Map<String, Object> clientDoc(org.sregistry.globussim.auth.Clients.Client c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("client_id", c.id());
        d.put("name", c.name());
        d.put("redirect_uris", c.redirectUris());
        return d;
    }

    private Reply authorize(Call call) {
        String query = call.queryString();
        String code = control.approve(query, SimulatorControl.parseQuery(query).get("identity"));
        Map<String, String> params = SimulatorControl.parseQuery(query);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("state", params.getOrDefault("state", "_default"));
        d.put("redirect_uri", params.get("redirect_uri"));
        return Reply.json(d);
    }

    private Reply identities(Call call) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Identity i : control.store().identities()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", i.id);
            d.put("username", i.username);
            d.put("name", i.name);
            d.put("email", i.email);
            out.add(d);
        }
        return Reply.json(Map.of("identities", out));
    }

    private Reply createIdentity(Call call) {
        JsonNode body = call.jsonObject();
        IdentityTokens it = control.createIdentity(text(body, "username"), text(body, "scopes"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", it.id());
        d.put("username", it.username());
        d.put("access_token", it.accessToken());
        d.put("refresh_token", it.refreshToken());
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (TokenSet t : it.tokens().values()) {
            Map<String, Object> tj = new LinkedHashMap<>();
            tj.put("access_token", t.accessToken());
            tj.put("refresh_token", t.refreshToken());
            tj.put("scope", t.scope());
            tj.put("expires_in", t.expiresIn());
            tj.put("token_type", "Bearer");
            tj.put("resource_server", t.resourceServer());
            tokens.put(t.resourceServer(), tj);
        }
        d.put("tokens", tokens);
        return Reply.json(d);
    }

    private Reply endpoints(Call call) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Endpoint e : control.store().endpoints(e -> true)) out.add(document(e));
        return Reply.json(Map.of("endpoints", out));
    }

    private Reply createEndpoint(Call call) {
        return Reply.json(document(control.createEndpoint(endpointSpec(call.jsonObject()))));
    }

    private Reply addAccessRule(Call call) {
        JsonNode b = call.jsonObject();
        org.sregistry.globussim.store.AccessRule r = control.addAccessRule(call.path("endpoint_id"), text(b, "principal_type"),
                text(b, "principal"), text(b, "path"), text(b, "permissions"), text(b, "expiration_date"));
        return Reply.json(ruleDoc(r));
    }

    /** The access document plus the simulator's {@code created_by} (identity id). */
    private static Map<String, Object> ruleDoc(org.sregistry.globussim.store.AccessRule r) {
        Map<String, Object> d = org.sregistry.globussim.transfer.AccessRules.document(r);
        d.put("created_by", r.createdBy);
        return d;
    }

    /** Who submitted a task (identity and client) and what it moved, plus the Transfer task document. */
    private static Map<String, Object> taskSummary(TaskRecord t) {
        org.sregistry.globussim.SimTask s = org.sregistry.globussim.SimTask.of(t);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("task_id", s.taskId());
        d.put("status", s.status());
        d.put("label", s.label());
        d.put("owner_id", s.ownerId());
        d.put("owner_string", s.ownerUsername());
        d.put("client_id", s.clientId());
        d.put("source_endpoint_id", s.sourceEndpointId());
        d.put("destination_endpoint_id", s.destinationEndpointId());
        List<Map<String, Object>> items = new ArrayList<>();
        for (org.sregistry.globussim.SimTask.Item i : s.items()) {
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("source_path", i.sourcePath());
            id.put("destination_path", i.destinationPath());
            id.put("recursive", i.recursive());
            items.add(id);
        }
        d.put("items", items);
        d.put("task", TaskDocuments.task(t));
        return d;
    }

    private static EndpointSpec endpointSpec(JsonNode b) {
        EndpointSpec s = new EndpointSpec();
        s.id = text(b, "id");
        s.displayName = text(b, "display_name");
        s.owner = text(b, "owner");
        if (b.has("shared_with") && !b.get("shared_with").isNull()) {
            if (!b.get("shared_with").isArray()) throw ApiError.badRequest("'shared_with' must be a list of usernames");
            s.sharedWith = new ArrayList<>();
            b.get("shared_with").forEach(n -> s.sharedWith.add(n.asText()));
        }
        s.organization = text(b, "organization");
        s.department = text(b, "department");
        s.contactEmail = text(b, "contact_email");
        s.description = text(b, "description");
        s.keywords = text(b, "keywords");
        s.root = text(b, "root");
        s.activated = bool(b, "activated");
        s.entityType = text(b, "entity_type");
        s.gcpConnected = bool(b, "gcp_connected");
        s.gcpPaused = bool(b, "gcp_paused");
        s.nonFunctional = bool(b, "non_functional");
        s.consentRequired = bool(b, "consent_required");
        s.defaultDirectory = text(b, "default_directory");
        s.isPublic = bool(b, "public");
        s.mappedCollection = text(b, "mapped_collection") != null ? text(b, "mapped_collection") : text(b, "mapped_collection_id");
        s.hostPath = text(b, "host_path");
        if (b.has("roles") && !b.get("roles").isNull()) {
            if (!b.get("roles").isObject()) throw ApiError.badRequest("'roles' must map a role to a list of usernames or ids");
            s.roles = new LinkedHashMap<>();
            var fields = b.get("roles").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (!f.getValue().isArray()) throw ApiError.badRequest("'roles." + f.getKey() + "' must be a list of usernames or ids");
                List<String> who = new ArrayList<>();
                f.getValue().forEach(n -> who.add(n.asText()));
                s.roles.put(f.getKey(), who);
            }
        }
        return s;
    }

    /** The Transfer endpoint document plus the simulator-only {@code root}, {@code shared_with} and consent flag. */
    private Map<String, Object> document(Endpoint e) {
        Map<String, Object> d = EndpointDocuments.render(e, e.ownerId, control.store()::endpoint);
        d.put("root", e.root);
        d.put("shared_with", e.sharedWith);
        d.put("consent_required", e.consentRequired);
        List<Map<String, Object>> roles = new ArrayList<>();
        for (org.sregistry.globussim.store.RoleGrant g : e.roles) roles.add(Map.of("role", g.role, "principal", g.principal));
        d.put("roles", roles);
        return d;
    }

    private Reply addFault(Call call) {
        JsonNode b = call.jsonObject();
        String route = text(b, "route");
        Integer status = b.hasNonNull("status") ? b.get("status").asInt() : 0;
        int count = b.hasNonNull("count") ? b.get("count").asInt() : 0;
        Integer retryAfter = b.hasNonNull("retry_after") ? b.get("retry_after").asInt() : null;
        long latency = b.hasNonNull("latency_ms") ? b.get("latency_ms").asLong() : 0;
        long answerDelay = b.hasNonNull("answer_delay_ms") ? b.get("answer_delay_ms").asLong() : 0;
        if (status == 0 && latency <= 0 && answerDelay <= 0) {
            throw ApiError.badRequest("A fault needs a 'status', a 'latency_ms' or an 'answer_delay_ms'");
        }
        if (status != 0 && answerDelay > 0) {
            throw ApiError.badRequest("'answer_delay_ms' holds back a served answer; it cannot go with a 'status'");
        }
        control.addFault(new FaultSpec(route, status, count, retryAfter, latency, text(b, "code"), answerDelay));
        return Reply.json(Map.of("faults", faultList()));
    }

    private List<Map<String, Object>> faultList() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FaultSpec f : control.faults().list()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("route", f.route());
            d.put("status", f.status());
            d.put("count", f.count());
            d.put("retry_after", f.retryAfter());
            d.put("latency_ms", f.latencyMs());
            d.put("code", f.code());
            d.put("answer_delay_ms", f.answerDelayMs());
            out.add(d);
        }
        return out;
    }

    private Reply failTask(Call call) {
        JsonNode b = call.jsonObjectOrEmpty();
        TaskRecord t = control.failTask(call.path("task_id"), text(b, "code"), text(b, "reason"));
        return Reply.json(TaskDocuments.task(t));
    }

    private Reply seedTasks(Call call) {
        JsonNode b = call.jsonObject();
        int count = b.hasNonNull("count") ? b.get("count").asInt() : 1;
        List<String> ids = control.seedFinishedTasks(count, text(b, "status"), text(b, "owner"),
                text(b, "source_endpoint"), text(b, "destination_endpoint"), text(b, "label"));
        return Reply.json(Map.of("task_ids", ids));
    }

    private Map<String, Object> config() {
        RuntimeSettings s = control.settings();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_token_lifetime_seconds", s.accessTokenLifetime().getSeconds());
        d.put("transfer_bytes_per_second", s.transferBytesPerSecond());
        d.put("successful_transfers_page_size", s.successfulTransfersPageSize());
        d.put("hold_transfers", s.holdTransfers());
        return d;
    }

    private Reply setConfig(Call call) {
        JsonNode b = call.jsonObject();
        RuntimeSettings s = control.settings();
        if (b.hasNonNull("access_token_lifetime_seconds")) {
            long secs = b.get("access_token_lifetime_seconds").asLong();
            if (secs < 1) throw ApiError.badRequest("access_token_lifetime_seconds must be at least 1");
            s.accessTokenLifetime(Duration.ofSeconds(secs));
        }
        if (b.hasNonNull("transfer_bytes_per_second")) s.transferBytesPerSecond(b.get("transfer_bytes_per_second").asLong());
        if (b.hasNonNull("successful_transfers_page_size")) {
            int n = b.get("successful_transfers_page_size").asInt();
            if (n < 1) throw ApiError.badRequest("successful_transfers_page_size must be at least 1");
            s.successfulTransfersPageSize(n);
        }
        if (b.hasNonNull("hold_transfers")) s.holdTransfers(b.get("hold_transfers").asBoolean());
        return Reply.json(config());
    }

    private Map<String, Object> stats() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("requests", control.stats());
        d.put("total", control.totalRequests());
        return d;
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Boolean bool(JsonNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw ApiError.badRequest("'" + field + "' must be true or false");
        return n.asBoolean();
    }
}
