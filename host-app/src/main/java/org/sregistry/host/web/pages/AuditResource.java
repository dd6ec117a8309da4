package org.sregistry.host.web.pages;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.audit.AuditEvent;
import org.sregistry.host.audit.AuditQuery;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.users.User;
import org.sregistry.host.web.Layout;

/**
 * {@code /audit}: the audit log for administrators, newest first, filtered by actor, action
 * (prefix), from and to (dates, UTC, both inclusive, or ISO-8601 instants), paged with "Older".
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class AuditResource {
    static final int PAGE_SIZE = 50;
    private final Layout layout;
    private final Audit audit;

    public AuditResource(Layout layout, Audit audit) {
        this.layout = layout;
        this.audit = audit;
    }

    /**
     * The page's model.
     *
     * @param olderHref the next page's address, or null at the end
     * @param dropped   pull events dropped since the start (the writer's queue was full)
     */
    public record AuditModel(String actor, String action, String from, String to, List<Row> rows, String olderHref,
                             long dropped, String error) {
    }

    /** One event as the table shows it. */
    public record Row(String at, String actor, String address, String action, String target, String outcome,
                      String details) {
    }

    @GET
    public Response page(@QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("before") String before) {
        requireAdmin();
        AuditQuery query;
        try {
            query = new AuditQuery(actor, action, instant("from", from, false), instant("to", to, true), PAGE_SIZE,
                    blank(before) ? null : before);
        } catch (IllegalArgumentException e) {
            AuditModel model = new AuditModel(actor, action, from, to, List.of(), null, audit.dropped(), e.getMessage());
            return Response.status(400).entity(layout.page("Audit log", "audit.jte", model)).build();
        }
        AuditQuery.Page page = audit.query(query);
        List<Row> rows = page.events().stream().map(AuditResource::row).toList();
        Map<String, String> filters = new java.util.LinkedHashMap<>(); // unset filters are null: Map.of refuses those
        filters.put("actor", actor);
        filters.put("action", action);
        filters.put("from", from);
        filters.put("to", to);
        filters.put("before", page.next());
        String older = page.next() == null ? null : "/audit?" + query(filters);
        return Response.ok(layout.page("Audit log", "audit.jte",
                new AuditModel(actor, action, from, to, rows, older, audit.dropped(), null))).build();
    }

    /** Administrators only. */
    static void requireAdmin() {
        User user = CurrentRequest.signedIn().orElseThrow(() -> new jakarta.ws.rs.NotAuthorizedException("sign in"));
        if (!user.admin()) {
            throw new ForbiddenException("The audit log is for administrators.");
        }
    }

    /**
     * A time filter: an ISO-8601 instant ({@code 2024-05-01T12:00:00Z}) or a date ({@code 2024-05-01},
     * UTC) — as an upper bound a date means the end of that day.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    static Instant instant(String parameter, String value, boolean upper) {
        if (blank(value)) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                Instant day = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                return upper ? day.plus(1, ChronoUnit.DAYS) : day;
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + " must be a date (2024-05-01) or an ISO-8601 instant"
                    + " (2024-05-01T12:00:00Z)");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Row row(AuditEvent e) {
        String details = e.details().isEmpty() ? "" : e.details().entrySet().stream()
                .map(d -> d.getKey() + "=" + d.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
        return new Row(e.at().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' '), e.actor(), e.address(),
                e.action(), e.target(), e.outcome(), details);
    }

    private static String query(Map<String, String> params) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String k : List.of("actor", "action", "from", "to", "before")) {
            String v = params.get(k);
            if (!blank(v)) {
                ordered.put(k, v);
            }
        }
        StringBuilder s = new StringBuilder();
        ordered.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }
}
