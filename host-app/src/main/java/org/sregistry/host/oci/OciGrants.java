package org.sregistry.host.oci;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sregistry.host.access.Permission;
import org.sregistry.host.access.Permissions;
import org.sregistry.host.users.User;
import org.sregistry.registry.access.Action;
import org.sregistry.registry.access.Decision;
import org.sregistry.registry.oci.OciAccess;

/**
 * What a caller may do to an OCI repository, in the terms of token scopes: the token endpoint
 * grants the requested scopes intersected with these, and every {@code /v2/} request is checked
 * against them again (a membership removed takes effect at once, not when the token expires). The
 * repository's collection is its first path segment.
 */
public final class OciGrants {
    private final Permissions permissions;

    public OciGrants(Permissions permissions) {
        this.permissions = permissions;
    }

    /**
     * The requested grants cut down to what {@code user} (null: anonymous) may do; a repository the
     * caller may not see is left out altogether, like a missing one.
     */
    public List<OciTokens.Grant> allowed(User user, List<OciTokens.Grant> requested) {
        List<OciTokens.Grant> granted = new ArrayList<>();
        for (OciTokens.Grant grant : requested) {
            if (grant.type().equals("registry")) {
                if (user != null || permissions.visibleCollections(null).map(s -> !s.isEmpty()).orElse(true)) {
                    granted.add(grant); // the catalog itself is filtered per caller
                }
                continue;
            }
            List<String> actions = new ArrayList<>();
            Set<OciAccess.Action> may = allowedActions(user, grant.name(), EnumSet.of(OciAccess.Action.PULL,
                    OciAccess.Action.PUSH, OciAccess.Action.DELETE), false);
            for (String action : grant.actions()) {
                if (action.equals("*") || may.stream().anyMatch(a -> a.scopeName().equals(action))) {
                    if (!action.equals("*")) {
                        actions.add(action);
                    } else {
                        may.forEach(a -> actions.add(a.scopeName()));
                    }
                }
            }
            if (!actions.isEmpty()) {
                granted.add(new OciTokens.Grant(grant.type(), grant.name(), List.copyOf(actions)));
            }
        }
        return granted;
    }

    /**
     * Which of {@code actions} the caller may do to the repository now. Push includes pull (a
     * pusher checks what is there before uploading, also in a collection their push creates).
     *
     * @param claim true to create a new collection for an allowed push (the push is happening)
     */
    public Set<OciAccess.Action> allowedActions(User user, String repository, Set<OciAccess.Action> actions,
                                                boolean claim) {
        String collection = Permissions.collectionOf(repository);
        Set<OciAccess.Action> allowed = EnumSet.noneOf(OciAccess.Action.class);
        boolean push = false;
        if (actions.contains(OciAccess.Action.PUSH)) {
            Decision d = claim ? permissions.claimForPush(user, collection)
                    : permissions.decide(user, collection, Action.PUSH);
            push = d.allowed();
            if (push) {
                allowed.add(OciAccess.Action.PUSH);
            }
        }
        // pull and delete follow from the caller's level, looked up once
        boolean readsLevel = actions.contains(OciAccess.Action.PULL) || actions.contains(OciAccess.Action.DELETE);
        Optional<Permission> level = readsLevel ? permissions.level(user, collection) : Optional.empty();
        if (actions.contains(OciAccess.Action.PULL) && (push || level.isPresent())) {
            allowed.add(OciAccess.Action.PULL);
        }
        if (actions.contains(OciAccess.Action.DELETE) && level.filter(l -> l == Permission.ADMIN).isPresent()) {
            allowed.add(OciAccess.Action.DELETE);
        }
        return allowed;
    }

    /** How to refuse an action that is not allowed: as missing (404) when the caller may not see the repository. */
    public Decision refusal(User user, String repository) {
        Decision pull = permissions.decide(user, Permissions.collectionOf(repository), Action.PULL);
        return pull.allowed() ? Decision.DENIED : pull;
    }

    /** The permission model. */
    public Permissions permissions() {
        return permissions;
    }
}
