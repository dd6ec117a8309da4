package org.sregistry.host.web.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.audit.AuditEvent;
import org.sregistry.host.audit.AuditQuery;

/**
 * {@code GET /api/audit?actor=&action=&since=&until=&limit=&before=}: the audit log for
 * administrators, newest first: {@code {"events":[...],"next":...}}; {@code next} goes into
 * {@code before} for the older page (null at the end). A bad parameter is a 400 naming it.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditApiResource {
    private final Audit audit;

    public AuditApiResource(Audit audit) {
        this.audit = audit;
    }

    /** One event as JSON ({@code at} ISO-8601). */
    public record EventJson(String at, String actor, String address, String action, String target, String outcome,
                            Map<String, Object> details) {
        static EventJson of(AuditEvent e) {
            return new EventJson(e.at().toString(), e.actor(), e.address(), e.action(), e.target(), e.outcome(),
                    e.details());
        }
    }

    /** A page. */
    public record PageJson(List<EventJson> events, String next) {
    }

    @GET
    public Response list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("limit") String limit, @QueryParam("before") String before) {
        AuditResource.requireAdmin();
        Instant from;
        Instant to;
        int max;
        try {
            from = AuditResource.instant("since", since, false);
        } catch (IllegalArgumentException e) {
            return bad("since", e.getMessage());
        }
        try {
            to = AuditResource.instant("until", until, true);
        } catch (IllegalArgumentException e) {
            return bad("until", e.getMessage());
        }
        try {
            max = AuditResource.blank(limit) ? AuditQuery.DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            return bad("limit", "limit must be a number between 1 and " + AuditQuery.MAX_LIMIT);
        }
        if (max < 1 || max > AuditQuery.MAX_LIMIT) {
            return bad("limit", "limit must be a number between 1 and " + AuditQuery.MAX_LIMIT);
        }
        AuditQuery query;
        try {
            query = new AuditQuery(actor, action, from, to, max, AuditResource.blank(before) ? null : before);
        } catch (IllegalArgumentException e) {
            return bad("before", e.getMessage());
        }
        AuditQuery.Page page = audit.query(query);
        return Response.ok(new PageJson(page.events().stream().map(EventJson::of).toList(), page.next())).build();
    }

    private static Response bad(String parameter, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "bad_request");
        body.put("parameter", parameter);
        body.put("message", message);
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
