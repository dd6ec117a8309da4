package org.sregistry.host.access;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.users.User;
import org.sregistry.host.web.Layout;

/**
 * {@code /collections/{name}}: a collection's owner, visibility and members; whoever manages it
 * (owner, admin member, registry administrator) changes visibility and adds or removes members
 * here, with the same rules as {@code PUT /api/collections/{name}} ({@link CollectionAdmin}). A
 * collection the caller may not see is the 404 page, as a missing one.
 */
@Path("/collections/{name}")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class CollectionPage {
    private final Layout layout;
    private final CollectionAdmin admin;

    public CollectionPage(Layout layout, CollectionAdmin admin) {
        this.layout = layout;
        this.admin = admin;
    }

    /** What the page shows. */
    public record Model(CollectionAdmin.CollectionJson collection, boolean manages, String notice, String error,
                        String csrfToken) {
    }

    @GET
    public String page(@PathParam("name") String name) {
        return render(view(name), null, null);
    }

    @POST
    @Path("visibility")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response visibility(@PathParam("name") String name, @FormParam("visibility") String visibility) {
        return act(name, () -> {
            if (visibility == null) {
                throw new IllegalArgumentException("choose public or private");
            }
            return new CollectionAdmin.CollectionChange(visibility, null, null);
        },
                "Visibility is now " + visibility + ".");
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addMember(@PathParam("name") String name, @FormParam("kind") String kind,
                              @FormParam("who") String who, @FormParam("permission") String permission) {
        String principal = who == null ? "" : who.trim();
        return act(name, () -> {
            CollectionAdmin.CollectionJson now = view(name);
            if ("user".equals(kind) && principal.equals(now.owner().user())) {
                throw new IllegalArgumentException(principal + " owns the collection and may do everything already");
            }
            List<CollectionAdmin.MemberJson> members = withoutMember(now, kind, principal);
            members.add(member(kind, principal, permission));
            return new CollectionAdmin.CollectionChange(null, null, members);
        }, ("team".equals(kind) ? "Team " : "User ") + principal + " may now " + permission + ".");
    }

    @POST
    @Path("members/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeMember(@PathParam("name") String name, @FormParam("kind") String kind,
                                 @FormParam("who") String who) {
        return act(name, () -> {
            CollectionAdmin.CollectionJson now = view(name);
            List<CollectionAdmin.MemberJson> members = withoutMember(now, kind, who);
            if (now.members() != null && members.size() == now.members().size()) {
                throw new IllegalArgumentException(("team".equals(kind) ? "team " : "user ") + who + " is not a member");
            }
            return new CollectionAdmin.CollectionChange(null, null, members);
        },
                ("team".equals(kind) ? "Team " : "User ") + who + " is no longer a member.");
    }

    private interface Change {
        CollectionAdmin.CollectionChange make();
    }

    private Response act(String name, Change change, String notice) {
        CollectionAdmin.CollectionJson before = view(name);
        try {
            CollectionAdmin.CollectionJson after = admin.change(me(), name, change.make());
            return Response.ok(render(after, notice, null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(before, null, e.getMessage())).build();
        } catch (WebApplicationException e) {
            return Response.status(e.getResponse().getStatus()).entity(render(before, null, e.getMessage())).build();
        }
    }

    private static List<CollectionAdmin.MemberJson> withoutMember(CollectionAdmin.CollectionJson c, String kind,
                                                                  String who) {
        if (!"user".equals(kind) && !"team".equals(kind)) {
            throw new IllegalArgumentException("a member is a user or a team");
        }
        if (c.members() == null) {
            throw new WebApplicationException("you may not change collection " + c.name()
                    + ": that takes its owner, an admin member or a registry administrator", 403);
        }
        List<CollectionAdmin.MemberJson> members = new ArrayList<>(c.members());
        members.removeIf(m -> "team".equals(kind) ? who != null && who.equals(m.team()) : who != null && who.equals(m.user()));
        return members;
    }

    private static CollectionAdmin.MemberJson member(String kind, String who, String permission) {
        if (who.isEmpty()) {
            throw new IllegalArgumentException("name the user or team to add");
        }
        return "team".equals(kind) ? new CollectionAdmin.MemberJson(null, who, permission)
                : new CollectionAdmin.MemberJson(who, null, permission);
    }

    /** The collection as the caller may see it; the 404 page when hidden or missing. */
    private CollectionAdmin.CollectionJson view(String name) {
        try {
            return admin.get(me(), name);
        } catch (NotFoundException e) {
            throw new NotFoundException("No collection " + name + " in the registry.");
        }
    }

    private String render(CollectionAdmin.CollectionJson c, String notice, String error) {
        return layout.page("Collection " + c.name(), "collection.jte",
                new Model(c, c.members() != null, notice, error, CurrentRequest.csrfToken()));
    }

    private static User me() {
        return CurrentRequest.signedIn().orElseThrow(() -> new NotAuthorizedException("sign in"));
    }
}
