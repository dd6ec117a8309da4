package org.sregistry.host.users;

import java.time.Instant;

/**
 * A user as {@code /api/users} and {@code /api/me} show them (never a password hash).
 *
 * @param hasPassword true when the account can sign in with a local password
 */
public record UserJson(String username, String displayName, String email, String role, boolean enabled,
                       boolean hasPassword, String oidcUsername, Instant createdAt, Instant lastSignInAt) {

    static UserJson of(User user) {
        return new UserJson(user.username(), user.displayName(), user.email(), user.role().key(), user.enabled(),
                user.hasPassword(), user.oidcUsername(), user.createdAt(), user.lastSignInAt());
    }
}
