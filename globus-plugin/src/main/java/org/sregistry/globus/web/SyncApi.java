package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sregistry.api.Access;
import org.sregistry.globus.sync.SyncRuleException;
import org.sregistry.globus.sync.SyncRules;

/**
 * {@code /api/globus/sync}: scheduled sync rules. {@code GET} lists the caller's (an administrator's: everyone's),
 * {@code POST} makes one ({@code 201}), {@code GET|PUT|DELETE /{id}} shows, changes (the fields given) or deletes one,
 * {@code POST /{id}/run} plans it for now ({@code 202}; the import task runs it within a round). Errors are
 * {@code {"error","message"}} plus {@code field} for a bad field (400); 403 for a collection the caller may not
 * manage, 404 for a rule they cannot see, 409 for one switched off or too many rules. Same login as the other
 * {@code /api/globus} routes (browser sessions send the CSRF token; the host checks it).
 */
@Path("api/globus/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncApi {
    private final SyncRules rules;
    private final Access access;

    SyncApi(SyncRules rules, Access access) {
        this.rules = rules;
        this.access = access;
    }

    /** The rules the caller may see, newest first. */
    @GET
    public Map<String, Object> list() {
        Access.Caller me = me();
        return Map.of("rules", rules.visibleTo(me).stream().map(SyncJson::of).toList());
    }

    /** Makes a rule of the caller's. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        return answer(() -> Response.status(201).entity(SyncJson.of(rules.create(me(), SyncJson.input(body))))
                .build());
    }

    /** One rule. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return answer(() -> Response.ok(SyncJson.of(rules.get(me(), id))).build());
    }

    /** Changes the fields given. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, JsonNode body) {
        return answer(() -> Response.ok(SyncJson.of(rules.update(me(), id, SyncJson.input(body)))).build());
    }

    /** Deletes a rule; files it sent stay where they are. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return answer(() -> {
            rules.delete(me(), id);
            return Response.noContent().build();
        });
    }

    /** Runs a rule as soon as the import task can. */
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") String id) {
        return answer(() -> Response.accepted(SyncJson.of(rules.runNow(me(), id))).build());
    }

    private static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (SyncRuleException e) {
            throw error(e);
        }
    }

    /** The JSON answer for a refusal, naming the field of a bad one. */
    static WebApplicationException error(SyncRuleException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.kind().code());
        body.put("message", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return new WebApplicationException(Response.status(e.kind().status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build());
    }

    private Access.Caller me() {
        return access.caller()
                .orElseThrow(() -> JsonErrors.of(401, "unauthorized", "sign in to see your sync rules"));
    }
}
