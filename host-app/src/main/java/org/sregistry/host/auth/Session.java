package org.sregistry.host.auth;

import java.time.Instant;
import org.sregistry.host.users.User;

/**
 * A browser sign-in.
 *
 * @param id        the cookie value (the database keeps only its SHA-256)
 * @param user      who signed in, as the account is now
 * @param csrfToken the token unsafe requests of this session must carry
 * @param createdAt when the sign-in happened
 * @param method    how: {@code password}, {@code oidc} or {@code ldap}
 */
public record Session(String id, User user, String csrfToken, Instant createdAt, String method) {
}
