package org.sregistry.host.users;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code user_identities} table: external accounts bound to a registry user, an OpenID Connect
 * {@code (issuer, sub)} or an LDAP {@code ('ldap:<url>', DN)}. Each call runs in the caller's
 * handle, so a sign-in binds in the same transaction as it creates.
 */
public final class UserIdentities {
    private static final int MAX_USERNAME = 300;

    private UserIdentities() {
    }

    /** The user bound to {@code (provider, subject)}. */
    public static Optional<String> userOf(Handle h, String provider, String subject) {
        return h.createQuery("SELECT user_id FROM user_identities WHERE provider = :p AND subject = :s")
                .bind("p", provider).bind("s", subject).mapTo(String.class).findOne();
    }

    /**
     * Binds {@code (provider, subject)} to the user.
     *
     * @param username the name the provider shows (for display), or null
     */
    public static void bind(Handle h, String provider, String subject, String userId, String username, long now) {
        h.createUpdate("INSERT INTO user_identities (provider, subject, user_id, username, created_at, last_seen_at)"
                        + " VALUES (:p, :s, :u, :n, :now, :now)")
                .bind("p", provider).bind("s", subject).bind("u", userId).bind("n", clip(username))
                .bind("now", now).execute();
    }

    /** Records a sign-in through the identity, with the name the provider shows now. */
    public static void touch(Handle h, String provider, String subject, String username, long now) {
        h.createUpdate("UPDATE user_identities SET last_seen_at = :now, username = :n WHERE provider = :p AND subject = :s")
                .bind("now", now).bind("n", clip(username)).bind("p", provider).bind("s", subject).execute();
    }

    private static String clip(String username) {
        return username == null || username.length() <= MAX_USERNAME ? username : username.substring(0, MAX_USERNAME);
    }
}
