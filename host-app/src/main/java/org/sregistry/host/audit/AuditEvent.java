package org.sregistry.host.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit log.
 *
 * @param id      a UUID
 * @param at      when
 * @param actor   who (a user name, {@code cli:<os user>}, or null: an unknown name's failed sign-in, a background task)
 * @param actorId the user's id, when the actor is an account
 * @param address the client address (as the trusted proxies forwarded it), or null
 * @param action  e.g. {@code auth.sign_in}, {@code image.push}
 * @param target  what it was done to (an image URI, a setting's key, the name typed at a failed sign-in), or null
 * @param outcome {@code ok}, {@code denied} or {@code failed}
 * @param details small extra facts (never secrets)
 */
public record AuditEvent(String id, Instant at, String actor, String actorId, String address, String action,
                         String target, String outcome, Map<String, Object> details) {
}
