package org.sregistry.globussim.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.AccessRule;
import org.sregistry.globussim.store.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access rules on guest collections (globus-sharing-oidc.md §1): {@code endpoint/{id}/access_list},
 * {@code endpoint/{id}/access[/{rule_id}]} (GET, POST, PUT, DELETE) and the endpoint_manager list.
 * Administrators (the owner) and access managers may create, change and delete; restricted administrators may
 * view and delete; anyone else gets 403 {@code PermissionDenied}.
 */
public final class AccessRoutes {
    private static final int MAX_LIMIT = 1000;

    private final TransferAuth auth;
    private final EndpointAccess access;
    private final AccessRuleBook book;

    public AccessRoutes(TransferAuth auth, EndpointAccess access, AccessRuleBook book) {
        this.auth = auth;
        this.access = access;
        this.book = book;
    }

    public void register(Router.Group transfer) {
        transfer.get("/v0.10/endpoint/{endpoint_id}/access_list", this::list)
                .get("/v0.10/endpoint_manager/endpoint/{endpoint_id}/access_list", this::list)
                .get("/v0.10/endpoint/{endpoint_id}/access/{rule_id}", this::get)
                .post("/v0.10/endpoint/{endpoint_id}/access", this::create)
                .put("/v0.10/endpoint/{endpoint_id}/access/{rule_id}", this::update)
                .delete("/v0.10/endpoint/{endpoint_id}/access/{rule_id}", this::delete);
    }

    /** The endpoint, after checking the caller holds one of the roles. */
    private Endpoint managed(Call call, String action, String... roles) {
        Caller caller = auth.authenticate(call);
        Endpoint e = access.find(call.path("endpoint_id"));
        if (!e.hasRole(caller.id(), roles)) {
            throw new ApiError(403, "PermissionDenied", "You do not have permission to " + action
                    + " access rules on endpoint '" + e.id + "' (it needs an administrator or access manager role)");
        }
        AccessRuleBook.requireGuest(e);
        return e;
    }

    private Reply list(Call call) {
        Endpoint e = managed(call, "list", "administrator", "access_manager", "restricted_administrator",
                "activity_manager", "activity_monitor");
        List<Map<String, Object>> all = new ArrayList<>(AccessRules.roleEntries(e));
        for (AccessRule r : book.rules(e)) all.add(AccessRules.document(r));
        int offset = call.intParam("offset", 0);
        int limit = call.intParam("limit", MAX_LIMIT);
        if (limit < 1 || offset < 0) throw ApiError.badRequest("limit must be positive and offset non-negative");
        limit = Math.min(limit, MAX_LIMIT);
        List<Map<String, Object>> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "access_list");
        d.put("endpoint", e.id);
        d.put("length", page.size());
        d.put("offset", offset);
        d.put("limit", limit);
        d.put("total", all.size());
        d.put("DATA", new ArrayList<>(page));
        return Reply.json(d);
    }

    private Reply get(Call call) {
        Endpoint e = managed(call, "view", "administrator", "access_manager", "restricted_administrator");
        return Reply.json(AccessRules.document(book.find(e, call.path("rule_id"))));
    }

    private Reply create(Call call) {
        Caller caller = auth.authenticate(call);
        Endpoint e = managed(call, "create", "administrator", "access_manager");
        JsonNode b = call.jsonObject();
        String dataType = b.path("DATA_TYPE").asText("access");
        if (!"access".equals(dataType)) throw ApiError.badRequest("DATA_TYPE must be 'access', not '" + dataType + "'");
        AccessRule r = book.create(e, new AccessRuleBook.Request(text(b, "principal_type"), text(b, "principal"),
                text(b, "path"), text(b, "permissions"), text(b, "notify_email"), text(b, "notify_message"),
                text(b, "expiration_date")), caller.id());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "access_create_result");
        d.put("code", "Created");
        d.put("message", "Access rule created successfully.");
        d.put("access_id", r.id);
        d.put("resource", call.resource());
        d.put("request_id", org.sregistry.globussim.http.Ids.requestId());
        return Reply.json(201, d);
    }

    private Reply update(Call call) {
        Endpoint e = managed(call, "change", "administrator", "access_manager");
        AccessRule r = book.update(e, call.path("rule_id"), call.jsonObject());
        return Reply.json(Results.result("result", "Updated", "Access rule '" + r.id + "' updated successfully", call));
    }

    private Reply delete(Call call) {
        Endpoint e = managed(call, "delete", "administrator", "access_manager", "restricted_administrator");
        String id = call.path("rule_id");
        book.delete(e, id);
        return Reply.json(Results.result("result", "Deleted", "Access rule '" + id + "' deleted successfully", call));
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
