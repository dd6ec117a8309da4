package org.sregistry.host.users;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.web.Layout;

/**
 * {@code /users}: the administrators' page for accounts — create, disable (which signs the user
 * out everywhere), enable, change the role, end sessions, delete. Each action is a form post with
 * the CSRF token; the page is shown again with what happened.
 */
@Path("/users")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class UsersPage {
    private final Layout layout;
    private final UserStore users;
    private final UserAdmin admin;

    public UsersPage(Layout layout, UserStore users, UserAdmin admin) {
        this.layout = layout;
        this.users = users;
        this.admin = admin;
    }

    @GET
    public String page() {
        return render(null, null);
    }

    @POST
    public Response create(@FormParam("username") String username, @FormParam("display_name") String displayName,
                           @FormParam("email") String email, @FormParam("role") String role,
                           @FormParam("password") String password, @FormParam("oidc_username") String oidcUsername) {
        return act(() -> "User " + admin.create(new UserAdmin.NewAccount(username, role, password, email, displayName,
                oidcUsername)).username() + " created.", 201);
    }

    @POST
    @Path("{username}/disable")
    public Response disable(@PathParam("username") String username) {
        return act(() -> {
            admin.update(username, new UserAdmin.AccountChange(null, null, null, false, null, null));
            return username + " is disabled and signed out everywhere; their tokens no longer work.";
        }, 200);
    }

    @POST
    @Path("{username}/enable")
    public Response enable(@PathParam("username") String username) {
        return act(() -> {
            admin.update(username, new UserAdmin.AccountChange(null, null, null, true, null, null));
            return username + " is enabled again.";
        }, 200);
    }

    @POST
    @Path("{username}/role")
    public Response role(@PathParam("username") String username, @FormParam("role") String role) {
        return act(() -> {
            admin.update(username, new UserAdmin.AccountChange(null, null, role, null, null, null));
            return username + " is now " + ("admin".equals(role) ? "an administrator." : "a user.");
        }, 200);
    }

    @POST
    @Path("{username}/sessions")
    public Response endSessions(@PathParam("username") String username) {
        return act(() -> {
            admin.endSessions(username);
            return username + " is signed out everywhere.";
        }, 200);
    }

    @POST
    @Path("{username}/delete")
    public Response delete(@PathParam("username") String username) {
        return act(() -> {
            admin.delete(username);
            return "User " + username + " deleted.";
        }, 200);
    }

    private interface Action {
        String run();
    }

    private Response act(Action action, int okStatus) {
        try {
            return Response.status(okStatus).entity(render(action.run(), null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(null, e.getMessage())).build();
        } catch (WebApplicationException e) {
            return Response.status(e.getResponse().getStatus()).entity(render(null, e.getMessage())).build();
        }
    }

    private String render(String notice, String error) {
        String me = CurrentRequest.signedIn().map(User::username).orElse("");
        return layout.page("Users", "users.jte", new UsersPageModel(users.all(), me, notice, error,
                CurrentRequest.csrfToken()));
    }
}
