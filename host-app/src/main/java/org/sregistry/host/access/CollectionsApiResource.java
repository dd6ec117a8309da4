package org.sregistry.host.access;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.sregistry.host.auth.CurrentRequest;

/**
 * {@code /api/collections}: the collections the caller may see, with owner and visibility (members
 * for those who manage them); {@code PUT /api/collections/{name}} sets visibility, owner and
 * members ({@code {"visibility":"public","owner":{"user":"alice"},"members":[{"user":"bob",
 * "permission":"push"},{"team":"lab","permission":"pull"}]}}, every field optional). A
 * collection the caller may not see answers 404, exactly as a missing one. The rules are
 * {@link CollectionAdmin}'s.
 */
@Path("/api/collections")
@Produces(MediaType.APPLICATION_JSON)
public final class CollectionsApiResource {
    private final CollectionAdmin admin;

    public CollectionsApiResource(CollectionAdmin admin) {
        this.admin = admin;
    }

    @GET
    public List<CollectionAdmin.CollectionJson> list() {
        return admin.list(CurrentRequest.signedIn().orElse(null));
    }

    @GET
    @Path("{name}")
    public CollectionAdmin.CollectionJson get(@PathParam("name") String name) {
        return admin.get(CurrentRequest.signedIn().orElse(null), name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CollectionAdmin.CollectionJson put(@PathParam("name") String name, CollectionAdmin.CollectionChange change) {
        return admin.change(CurrentRequest.signedIn().orElseThrow(() -> new NotAuthorizedException("sign in")), name,
                change);
    }
}
