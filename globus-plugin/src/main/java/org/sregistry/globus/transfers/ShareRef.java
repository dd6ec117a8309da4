package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The access rule one transfer needs on the registry's guest collection: planned (written before it is made, so a
 * crash leaves a path to look for), created (its id known), removed (when the task ended), or failed (Globus
 * refused it; nothing to remove).
 * <pre>{"collection_id":"…","path":"/t/4d343abe-…/","principal":"658064e9-…","permissions":"rw",
 *  "state":"created","rule_id":"a1b2…","planned_at":"…","expires_at":"…"}</pre>
 *
 * @param collectionId the registry's guest collection
 * @param path         the per-transfer folder on it, with leading and trailing slash
 * @param principal    the Globus identity the rule is for
 * @param permissions  {@code r} for a Send, {@code rw} for a Bring
 * @param state        planned, created, removed or failed
 * @param ruleId       Globus's id of the rule, once known
 * @param lastError    why the last creation or removal failed, in Globus's words
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareRef(@JsonProperty("collection_id") String collectionId,
                       @JsonProperty("path") String path,
                       @JsonProperty("principal") String principal,
                       @JsonProperty("permissions") String permissions,
                       @JsonProperty("state") String state,
                       @JsonProperty("rule_id") String ruleId,
                       @JsonProperty("planned_at") Instant plannedAt,
                       @JsonProperty("expires_at") Instant expiresAt,
                       @JsonProperty("removed_at") Instant removedAt,
                       @JsonProperty("last_error") String lastError) {

    /** A rule outlives its task's deadline by this much (the backstop when nobody removes it). */
    public static final java.time.Duration AFTER_DEADLINE = java.time.Duration.ofHours(1);

    public static final String PLANNED = "planned";
    public static final String CREATED = "created";
    public static final String REMOVED = "removed";
    public static final String FAILED = "failed";

    /** A rule about to be made. */
    public static ShareRef planned(String collectionId, String path, String principal, String permissions,
                                   Instant at, Instant expiresAt) {
        return new ShareRef(collectionId, path, principal, permissions, PLANNED, null, at, expiresAt, null, null);
    }

    /** Made, with Globus's id. */
    public ShareRef created(String id) {
        return new ShareRef(collectionId, path, principal, permissions, CREATED, id, plannedAt, expiresAt, null, null);
    }

    /** Gone at Globus. */
    public ShareRef removed(Instant at) {
        return new ShareRef(collectionId, path, principal, permissions, REMOVED, ruleId, plannedAt, expiresAt, at,
                null);
    }

    /** Globus refused to make it. */
    public ShareRef failed(String error) {
        return new ShareRef(collectionId, path, principal, permissions, FAILED, ruleId, plannedAt, expiresAt, null,
                error);
    }

    /** The last removal attempt failed with {@code error} (the rule stays created; retried next round). */
    public ShareRef removalFailed(String error) {
        return new ShareRef(collectionId, path, principal, permissions, state, ruleId, plannedAt, expiresAt,
                removedAt, error);
    }

    /** True while a rule may exist at Globus (planned: maybe, created: yes). */
    @JsonIgnore
    public boolean mayExist() {
        return PLANNED.equals(state) || CREATED.equals(state);
    }
}
