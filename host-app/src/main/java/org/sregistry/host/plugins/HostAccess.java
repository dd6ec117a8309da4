package org.sregistry.host.plugins;

import java.util.Optional;
import org.sregistry.api.Access;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.RegistryService;
import org.sregistry.host.access.Permissions;
import org.sregistry.host.auth.CurrentRequest;
import org.sregistry.host.users.User;
import org.sregistry.host.users.UserStore;
import org.sregistry.registry.access.Action;

/**
 * {@link Access} for plugins on the server: the caller is the signed-in user of the request on this thread, and
 * every answer comes from {@link Permissions}, read again at each call (a caller is looked up by name, so a
 * disabled account or a revoked membership counts at once). A push check claims a new collection for the caller,
 * as a push through the REST API does.
 */
public final class HostAccess implements Access {
    private final Permissions permissions;
    private final UserStore users;
    private final RegistryService registry;

    public HostAccess(Permissions permissions, UserStore users, RegistryService registry) {
        this.permissions = permissions;
        this.users = users;
        this.registry = registry;
    }

    @Override
    public Optional<Caller> caller() {
        return CurrentRequest.signedIn().filter(User::enabled).map(HostAccess::callerOf);
    }

    @Override
    public Optional<Caller> user(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return users.byName(username).filter(User::enabled).map(HostAccess::callerOf);
    }

    @Override
    public Optional<String> accountId(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return users.byName(username).map(User::id);
    }

    @Override
    public boolean mayPull(Caller caller, String imageUri) {
        Optional<User> user = account(caller);
        if (user.isEmpty() || imageUri == null || imageUri.isBlank()) {
            return false;
        }
        Optional<ImageInfo> image;
        try {
            image = registry.get(imageUri.trim());
        } catch (InvalidImageNameException e) {
            return false;
        }
        return image.isPresent()
                && permissions.decide(user.get(), image.get().name().collection(), Action.PULL).allowed();
    }

    @Override
    public boolean mayPush(Caller caller, String collection) {
        Optional<User> user = account(caller);
        if (user.isEmpty() || collection == null || collection.isBlank()) {
            return false;
        }
        return permissions.claimForPush(user.get(), collection).allowed();
    }

    @Override
    public boolean mayManage(Caller caller, String collection) {
        Optional<User> user = account(caller);
        if (user.isEmpty() || collection == null || collection.isBlank()) {
            return false;
        }
        return permissions.decide(user.get(), collection, Action.MANAGE).allowed();
    }

    /** The enabled account behind a caller, read now. */
    private Optional<User> account(Caller caller) {
        return caller == null ? Optional.empty() : users.byName(caller.username()).filter(User::enabled);
    }

    private static Caller callerOf(User user) {
        return new Caller(user.username(), user.displayName() == null ? "" : user.displayName(), user.admin(),
                user.id());
    }
}
