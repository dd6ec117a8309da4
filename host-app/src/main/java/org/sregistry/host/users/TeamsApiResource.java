package org.sregistry.host.users;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/teams} (administrators): list teams, {@code PUT /api/teams/{name}
 * {"members":["alice","bob"]}} makes a team or replaces its members, {@code DELETE} removes one
 * that owns no collection.
 */
@Path("/api/teams")
@Produces(MediaType.APPLICATION_JSON)
public final class TeamsApiResource {
    private final TeamStore teams;
    private final UserStore users;
    private final org.sregistry.host.audit.Audit audit;

    /** @param audit records {@code team.update} and {@code team.delete} */
    public TeamsApiResource(TeamStore teams, UserStore users, org.sregistry.host.audit.Audit audit) {
        this.teams = teams;
        this.users = users;
        this.audit = audit;
    }

    /** A team as the API shows it. */
    public record TeamJson(String name, String source, List<String> members) {
    }

    /** The body of {@code PUT}. */
    public record TeamChange(List<String> members) {
    }

    @GET
    public List<TeamJson> list() {
        return teams.all().stream().map(t -> new TeamJson(t.name(), t.source(), t.members())).toList();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TeamJson put(@PathParam("name") String name, TeamChange change) {
        if (change == null || change.members() == null) {
            throw new IllegalArgumentException("expected {\"members\": [\"username\", ...]}");
        }
        teams.byName(name).filter(t -> !t.source().equals("local")).ifPresent(t -> {
            throw new IllegalArgumentException("team " + name + " comes from " + t.source()
                    + " and is kept in step with it at each sign-in; change it there");
        });
        List<String> ids = new ArrayList<>();
        for (String username : new java.util.LinkedHashSet<>(change.members())) { // a name given twice counts once
            ids.add(users.byName(username).orElseThrow(() -> new IllegalArgumentException("no user named " + username))
                    .id());
        }
        TeamStore.Team team = teams.put(name, ids);
        audit.record("team.update", name, org.sregistry.host.audit.Audit.Outcome.OK,
                java.util.Map.of("members", String.join(" ", team.members())));
        return new TeamJson(team.name(), team.source(), team.members());
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        if (!teams.delete(name)) {
            throw new NotFoundException("no team named " + name);
        }
        audit.record("team.delete", name, org.sregistry.host.audit.Audit.Outcome.OK, java.util.Map.of());
        return Response.noContent().build();
    }
}
