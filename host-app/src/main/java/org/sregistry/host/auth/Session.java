package org.sregistry.host.auth;

import java.time.Instant;

/**
 * A browser login.
 *
 * @param id                 the cookie value
 * @param user               who logged in
 * @param csrfToken          the token unsafe requests of this session must carry
 * @param createdAt          when the login happened
 * @param passwordGeneration the {@link AdminAccount#generation()} it was made with: void once the password changes
 */
public record Session(String id, String user, String csrfToken, Instant createdAt, long passwordGeneration) {
}
