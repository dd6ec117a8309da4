package org.sregistry.host.users;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.CurrentRequest;

/**
 * {@code GET /api/me} (who the caller is and what they may do) and {@code /api/tokens} (the
 * caller's own API tokens: {@code POST} answers the token once, {@code GET} lists names and
 * times, {@code DELETE /api/tokens/{name}} revokes).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    private final ApiTokens tokens;
    private final Function<User, List<ProfileModel.CollectionLine>> collections;
    private final java.util.function.Predicate<User> mayCreate;

    /**
     * @param collections the collections a user may use, with their permission
     * @param mayCreate   true when the user may create collections (by pushing to a new name)
     */
    public MeResource(ApiTokens tokens, Function<User, List<ProfileModel.CollectionLine>> collections,
                      java.util.function.Predicate<User> mayCreate) {
        this.tokens = tokens;
        this.collections = collections;
        this.mayCreate = mayCreate;
    }

    /** The caller and their rights. */
    public record MeJson(UserJson user, boolean admin, boolean mayCreateCollections,
                         List<ProfileModel.CollectionLine> collections) {
    }

    /** A token just made. */
    public record NewTokenJson(String name, String token) {
    }

    /** The body of {@code POST /api/tokens}. */
    public record TokenRequest(String name) {
    }

    @GET
    @Path("me")
    public MeJson me() {
        User me = caller();
        return new MeJson(UserJson.of(me), me.admin(), mayCreate.test(me), collections.apply(me));
    }

    @GET
    @Path("tokens")
    public List<ApiTokens.TokenInfo> list() {
        return tokens.list(caller().id());
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(TokenRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("expected {\"name\": \"...\"}");
        }
        String token = tokens.create(caller().id(), request.name());
        return Response.created(URI.create("/api/tokens/" + request.name()))
                .entity(new NewTokenJson(request.name(), token)).build();
    }

    @DELETE
    @Path("tokens/{name}")
    public Response revoke(@PathParam("name") String name) {
        if (!tokens.revoke(caller().id(), name)) {
            throw new NotFoundException("no token named " + name);
        }
        return Response.noContent().build();
    }

    private static User caller() {
        return CurrentRequest.signedIn().orElseThrow(() -> new NotAuthorizedException("sign in"));
    }
}
