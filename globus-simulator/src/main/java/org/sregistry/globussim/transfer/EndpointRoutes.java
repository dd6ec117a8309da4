package org.sregistry.globussim.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.StateStore;
import org.sregistry.globussim.store.TaskStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** {@code endpoint_search}, {@code GET endpoint/{id}} and {@code POST endpoint} (Globus Connect Personal create). */
public final class EndpointRoutes {
    /** Globus stops paging search results at 1000. */
    static final int SEARCH_HARD_CAP = 1000;
    static final int SEARCH_MAX_LIMIT = 100;

    private final TransferAuth auth;
    private final EndpointAccess access;
    private final StateStore store;
    private final EndpointFactory factory;
    private final EndpointSearch search;

    public EndpointRoutes(TransferAuth auth, EndpointAccess access, StateStore store, EndpointFactory factory, TaskStore tasks) {
        this.auth = auth;
        this.access = access;
        this.store = store;
        this.factory = factory;
        this.search = new EndpointSearch(tasks);
    }

    public void register(Router.Group transfer) {
        transfer.get("/v0.10/endpoint_search", this::search)
                .get("/v0.10/endpoint/{endpoint_id}", this::get)
                .post("/v0.10/endpoint", this::create);
    }

    private Reply search(Call call) {
        Caller caller = auth.authenticate(call);
        String fulltext = call.param("filter_fulltext");
        boolean hasFulltext = fulltext != null && !fulltext.isBlank();
        Predicate<Endpoint> filter = search.scope(call.param("filter_scope"), caller.id(), hasFulltext)
                .and(EndpointSearch.fulltext(fulltext))
                .and(extraFilters(call));
        int limit = call.intParam("limit", 25);
        int offset = call.intParam("offset", 0);
        if (limit < 1 || offset < 0) throw ApiError.badRequest("limit must be positive and offset non-negative");
        limit = Math.min(limit, SEARCH_MAX_LIMIT);
        List<Endpoint> matches = new ArrayList<>(store.endpoints(filter));
        matches.sort(Comparator.comparing((Endpoint e) -> e.displayName == null ? "" : e.displayName.toLowerCase(Locale.ROOT))
                .thenComparing(e -> e.id));
        int end = Math.min(Math.min(matches.size(), offset + limit), SEARCH_HARD_CAP);
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = offset; i < end; i++) data.add(EndpointDocuments.render(matches.get(i), caller.id(), store::endpoint));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "endpoint_list");
        d.put("offset", offset);
        d.put("limit", limit);
        d.put("has_next_page", end < matches.size() && end < SEARCH_HARD_CAP);
        d.put("DATA", data);
        return Reply.json(d);
    }

    private static Predicate<Endpoint> extraFilters(Call call) {
        Predicate<Endpoint> p = e -> true;
        String owner = call.param("filter_owner_id");
        if (owner != null && !owner.isBlank()) p = p.and(e -> owner.equals(e.ownerId));
        String type = call.param("filter_entity_type");
        if (type != null && !type.isBlank()) p = p.and(e -> type.equals(e.entityType));
        String nonFunctional = call.param("filter_non_functional");
        if (nonFunctional != null && !nonFunctional.isBlank()) {
            boolean want = call.boolParam("filter_non_functional", false);
            p = p.and(e -> e.nonFunctional == want);
        }
        return p;
    }

    private Reply get(Call call) {
        Caller caller = auth.authenticate(call);
        Endpoint e = access.visible(caller, call.path("endpoint_id"));
        return Reply.json(EndpointDocuments.render(e, caller.id(), store::endpoint));
    }

    /** Creates a Globus Connect Personal endpoint owned by the caller, as {@code globus gcp create mapped} does. */
    private Reply create(Call call) {
        Caller caller = auth.authenticate(call);
        JsonNode body = call.jsonObject();
        String dataType = body.path("DATA_TYPE").asText("endpoint");
        if (!"endpoint".equals(dataType)) throw ApiError.badRequest("DATA_TYPE must be 'endpoint'");
        String name = body.path("display_name").asText(null);
        if (name == null || name.isBlank()) throw ApiError.badRequest("Missing required field 'display_name'");
        if (!body.path("is_globus_connect").asBoolean(false)) {
            throw new ApiError(400, "ClientError.BadRequest.NotSupported",
                    "Only Globus Connect Personal endpoints (is_globus_connect: true) can be created through this API");
        }
        EndpointSpec spec = EndpointSpec.named(name).owner(caller.id()).entityType("GCP_mapped_collection");
        spec.description = text(body, "description");
        spec.organization = text(body, "organization");
        spec.department = text(body, "department");
        spec.contactEmail = text(body, "contact_email");
        spec.keywords = text(body, "keywords");
        if (body.has("public")) spec.isPublic = body.get("public").asBoolean();
        Endpoint e = factory.createOrUpdate(spec);
        e.gcpSetupKey = Ids.uuid();
        store.putEndpoint(e);
        Map<String, Object> d = Results.result("endpoint_create_result", "Created", "Endpoint created successfully", call);
        d.put("id", e.id);
        d.put("canonical_name", EndpointDocuments.canonicalName(e));
        d.put("globus_connect_setup_key", e.gcpSetupKey);
        return Reply.json(201, d);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
