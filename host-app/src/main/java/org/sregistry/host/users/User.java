package org.sregistry.host.users;

import java.time.Instant;

/**
 * An account of this registry.
 *
 * @param id            stable id (a UUID): what sessions, tokens and memberships refer to
 * @param username      the sign-in name, lower case, unique
 * @param displayName   shown on pages; may be empty
 * @param email         may be null
 * @param passwordHash  {@link org.sregistry.host.auth.PasswordHasher} format; null when the user signs in elsewhere only
 * @param credentialGen counts up on a password change or disable: what was made from an older value is void
 * @param oidcUsername  an administrator's hint: bind the OpenID Connect identity with this preferred_username
 * @param lastSignInAt  null before the first sign-in
 */
public record User(String id, String username, String displayName, String email, Role role, boolean enabled,
                   String passwordHash, long credentialGen, String oidcUsername, Instant createdAt,
                   Instant lastSignInAt) {

    /** True for a registry administrator. */
    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** True when the account has a local password. */
    public boolean hasPassword() {
        return passwordHash != null;
    }
}
