package org.sregistry.host.users;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /api/users}: administrators list, create, change, disable and delete accounts (the
 * auth filter lets only administrators in). Disabling ends the user's sessions and makes their API
 * tokens and every registry token made from their credentials void at once.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersApiResource {
    private final UserStore users;
    private final UserAdmin admin;

    public UsersApiResource(UserStore users, UserAdmin admin) {
        this.users = users;
        this.admin = admin;
    }

    @GET
    public List<UserJson> list() {
        return users.all().stream().map(UserJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(UserAdmin.NewAccount account) {
        User user = admin.create(account);
        return Response.created(URI.create("/api/users/" + user.username())).entity(UserJson.of(user)).build();
    }

    @GET
    @Path("{username}")
    public UserJson get(@PathParam("username") String username) {
        return UserJson.of(admin.find(username));
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson update(@PathParam("username") String username, UserAdmin.AccountChange change) {
        return UserJson.of(admin.update(username, change));
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        admin.delete(username);
        return Response.noContent().build();
    }

    /** Signs the user out everywhere (their API tokens stay valid). */
    @DELETE
    @Path("{username}/sessions")
    public Response endSessions(@PathParam("username") String username) {
        admin.endSessions(username);
        return Response.noContent().build();
    }
}
