package org.sregistry.host.access;

import java.util.Optional;
import java.util.Set;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.registry.access.Action;
import org.sregistry.registry.access.CollectionAccess;
import org.sregistry.registry.access.Decision;

/**
 * The REST API's and the pages' permission check: the caller is the signed-in user of the request
 * on this thread (set by the auth filter; none for an anonymous read). An allowed push to a new
 * collection creates it, owned by the pusher.
 */
public final class RegistryCollectionAccess implements CollectionAccess {
    private final Permissions permissions;

    public RegistryCollectionAccess(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public Decision check(String collection, Action action) {
        var caller = CurrentRequest.signedIn().orElse(null);
        return action == Action.PUSH ? permissions.claimForPush(caller, collection)
                : permissions.decide(caller, collection, action);
    }

    @Override
    public Optional<Set<String>> visibleCollections() {
        return permissions.visibleCollections(CurrentRequest.signedIn().orElse(null));
    }
}
