package org.sregistry.host.users;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.web.Layout;
import org.sregistry.host.web.pages.PasswordNotice;

/**
 * {@code /profile}: every signed-in user's own page — who they are, their collections, their
 * password (when they have a local one) and their API tokens (shown once when created).
 */
@Path("/profile")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class ProfileResource {
    private final Layout layout;
    private final java.util.function.BiFunction<User, UserAdmin.AccountChange, User> details;
    private final ApiTokens tokens;
    private final Function<User, List<ProfileModel.CollectionLine>> collections;

    /**
     * @param collections the collections a user may use, for the page
     * @param details     changes a user's own display name and e-mail, answering the account as it is now
     */
    public ProfileResource(Layout layout, ApiTokens tokens, Function<User, List<ProfileModel.CollectionLine>> collections,
                           java.util.function.BiFunction<User, UserAdmin.AccountChange, User> details) {
        this.details = details;
        this.layout = layout;
        this.tokens = tokens;
        this.collections = collections;
    }

    @GET
    public String page(@QueryParam("password") String password) {
        var notice = PasswordNotice.of(password);
        return render(null, notice.filter(n -> !n.error()).map(PasswordNotice::text).orElse(null),
                notice.filter(PasswordNotice::error).map(PasswordNotice::text).orElse(null));
    }

    /** The user's own display name and e-mail (the role and the name are the administrators'). */
    @POST
    @Path("details")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response details(@FormParam("display_name") String displayName, @FormParam("email") String email) {
        try {
            User now = details.apply(me(), new UserAdmin.AccountChange(displayName == null ? "" : displayName,
                    email == null ? "" : email, null, null, null, null));
            return Response.ok(render(now, null, "Saved.", null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(null, null, e.getMessage())).build();
        }
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(@FormParam("name") String name) {
        try {
            String token = tokens.create(me().id(), name == null ? "" : name.trim());
            return Response.ok(render(token, "Token " + name + " created. Copy it now: it is not shown again.", null))
                    .build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(render(null, null, e.getMessage())).build();
        }
    }

    @POST
    @Path("tokens/{name}/delete")
    public Response deleteToken(@PathParam("name") String name) {
        boolean removed = tokens.revoke(me().id(), name);
        return Response.status(removed ? 200 : 404)
                .entity(render(null, removed ? "Token " + name + " revoked." : null,
                        removed ? null : "No token named " + name + "."))
                .build();
    }

    private String render(String newToken, String notice, String error) {
        return render(me(), newToken, notice, error);
    }

    private String render(User me, String newToken, String notice, String error) {
        return layout.page("Profile", "profile.jte", new ProfileModel(me, tokens.list(me.id()), collections.apply(me),
                newToken, notice, error, CurrentRequest.csrfToken()));
    }

    private static User me() {
        return CurrentRequest.signedIn().orElseThrow(() -> new NotAuthorizedException("sign in"));
    }
}
