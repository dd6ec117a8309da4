package org.sregistry.globussim.store;

import java.time.Instant;

/**
 * One Transfer access rule (ACL) on a guest collection: a principal may read ({@code r}) or read and write
 * ({@code rw}) everything under {@link #path}. Persisted with its endpoint in {@code state.json}.
 */
public final class AccessRule {
    public String id;
    /** {@code identity}, {@code group}, {@code all_authenticated_users} or {@code anonymous}. */
    public String principalType;
    /** Identity or group UUID; {@code ""} for all_authenticated_users / anonymous. */
    public String principal;
    /** Normalized: relative to the collection root, with a leading and a trailing {@code /}. */
    public String path;
    /** {@code r} or {@code rw}. */
    public String permissions;
    public String notifyEmail;
    public String notifyMessage;
    /** When the rule stops applying (null = never); Globus removes expired rules. */
    public Instant expirationDate;
    public Instant createTime;
    /** The identity that created it (simulator bookkeeping, not in the access document). */
    public String createdBy;

    public AccessRule copy() {
        AccessRule r = new AccessRule();
        r.id = id;
        r.principalType = principalType;
        r.principal = principal;
        r.path = path;
        r.permissions = permissions;
        r.notifyEmail = notifyEmail;
        r.notifyMessage = notifyMessage;
        r.expirationDate = expirationDate;
        r.createTime = createTime;
        r.createdBy = createdBy;
        return r;
    }

    public boolean isExpired(Instant now) {
        return expirationDate != null && !now.isBefore(expirationDate);
    }
}
