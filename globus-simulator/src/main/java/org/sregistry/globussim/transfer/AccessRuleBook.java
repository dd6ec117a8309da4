package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Times;
import org.sregistry.globussim.store.AccessRule;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.StateStore;

import java.time.Instant;
import java.util.List;

/**
 * Creates, changes and removes access rules with Globus's validation and errors; shared by the Transfer routes
 * (which check who may manage rules first) and the control API (which does not).
 */
public final class AccessRuleBook {
    private final StateStore store;

    public AccessRuleBook(StateStore store) {
        this.store = store;
    }

    /** What a create request asks for (fields as in the access document; null = absent). */
    public record Request(String principalType, String principal, String path, String permissions, String notifyEmail,
                          String notifyMessage, String expirationDate) {}

    /** The endpoint must take access rules: guest collections only. */
    public static void requireGuest(Endpoint e) {
        if (!e.isGuest()) {
            // Simulator choice: the fact sheet has no code for access rules on a mapped/personal collection
            // (GCS v5 mapped collections control access through storage gateway policies, not Transfer rules).
            throw new ApiError(400, "ClientError.BadRequest.NotSupported", "Endpoint '" + e.id + "' is a " + e.entityType
                    + "; access rules can only be set on guest collections");
        }
    }

    public AccessRule create(Endpoint e, Request q, String createdBy) {
        requireGuest(e);
        String type = q.principalType();
        if (type == null || type.isBlank()) throw ApiError.badRequest("Missing required field 'principal_type'");
        if (!AccessRules.PRINCIPAL_TYPES.contains(type)) {
            throw ApiError.badRequest("Invalid principal_type '" + type + "': one of identity, group, all_authenticated_users, anonymous");
        }
        String principal = q.principal() == null ? "" : q.principal().trim();
        if (type.equals("identity") || type.equals("group")) {
            if (!Ids.isUuid(principal)) throw ApiError.badRequest("principal must be a " + type + " UUID for principal_type '" + type + "'");
        } else if (!principal.isEmpty()) {
            throw ApiError.badRequest("principal must be empty for principal_type '" + type + "'");
        }
        String permissions = checkPermissions(q.permissions());
        if (type.equals("anonymous") && permissions.equals("rw")) {
            throw ApiError.badRequest("Anonymous access rules may only grant 'r'");
        }
        if (q.notifyMessage() != null && !q.notifyMessage().isEmpty() && (q.notifyEmail() == null || q.notifyEmail().isBlank())) {
            throw ApiError.badRequest("notify_message requires notify_email");
        }
        AccessRule r = new AccessRule();
        r.id = Ids.uuid();
        r.principalType = type;
        r.principal = principal;
        r.path = AccessRules.normalizePath(q.path());
        r.permissions = permissions;
        r.notifyEmail = blankToNull(q.notifyEmail());
        r.notifyMessage = blankToNull(q.notifyMessage());
        r.expirationDate = expiration(q.expirationDate());
        r.createTime = Instant.now();
        r.createdBy = createdBy;
        synchronized (store) {
            store.purgeExpiredRules(e, Instant.now());
            for (AccessRule other : e.accessRules) {
                if (other.principalType.equals(r.principalType) && other.principal.equals(r.principal) && other.path.equals(r.path)) {
                    // The MRDP portal treats Exists as success; Globus keeps one rule per principal and path.
                    throw new ApiError(409, "Exists", "An access rule for this principal and path already exists (id " + other.id + ")")
                            .with("access_id", other.id);
                }
            }
            store.addAccessRule(e, r);
        }
        return r;
    }

    /** The rule on this endpoint, or 404 {@code AccessRuleNotFound}. */
    public AccessRule find(Endpoint e, String ruleId) {
        store.purgeExpiredRules(e, Instant.now());
        for (AccessRule r : e.accessRules) if (r.id.equals(ruleId)) return r;
        // The fact sheet names no code for an unknown rule; AccessRuleNotFound is the name client libraries use.
        throw ApiError.notFound("AccessRuleNotFound", "No access rule '" + ruleId + "' on endpoint '" + e.id + "'");
    }

    /**
     * Applies a partial access document: only {@code permissions} and {@code expiration_date} may change (the other
     * fields may be repeated unchanged); a rule's principal and path are fixed once created.
     */
    public AccessRule update(Endpoint e, String ruleId, com.fasterxml.jackson.databind.JsonNode body) {
        requireGuest(e);
        synchronized (store) {
            AccessRule r = find(e, ruleId).copy();
            String dataType = body.path("DATA_TYPE").asText("access");
            if (!"access".equals(dataType)) throw ApiError.badRequest("DATA_TYPE must be 'access', not '" + dataType + "'");
            if (body.hasNonNull("id") && !ruleId.equals(body.get("id").asText())) throw ApiError.badRequest("'id' does not match the rule");
            fixed(body, "principal_type", r.principalType);
            fixed(body, "principal", r.principal);
            if (body.hasNonNull("path") && !AccessRules.normalizePath(body.get("path").asText()).equals(r.path)) {
                throw ApiError.badRequest("The 'path' of an access rule cannot be changed; create a new rule");
            }
            if (body.has("permissions")) {
                r.permissions = checkPermissions(body.get("permissions").isNull() ? null : body.get("permissions").asText());
                if (r.principalType.equals("anonymous") && r.permissions.equals("rw")) {
                    throw ApiError.badRequest("Anonymous access rules may only grant 'r'");
                }
            }
            if (body.has("expiration_date")) {
                r.expirationDate = body.get("expiration_date").isNull() ? null : expiration(body.get("expiration_date").asText());
            }
            store.replaceAccessRule(e, r);
            return r;
        }
    }

    public void delete(Endpoint e, String ruleId) {
        requireGuest(e);
        synchronized (store) {
            find(e, ruleId);
            store.removeAccessRule(e, ruleId);
        }
    }

    /** Rules in force, oldest first. */
    public List<AccessRule> rules(Endpoint e) {
        store.purgeExpiredRules(e, Instant.now());
        return AccessRules.active(e);
    }

    private static void fixed(com.fasterxml.jackson.databind.JsonNode body, String field, String current) {
        if (body.hasNonNull(field) && !body.get(field).asText().equals(current)) {
            throw ApiError.badRequest("The '" + field + "' of an access rule cannot be changed; create a new rule");
        }
    }

    private static String checkPermissions(String p) {
        if (p == null || p.isBlank()) throw ApiError.badRequest("Missing required field 'permissions'");
        if (!AccessRules.PERMISSIONS.contains(p)) throw ApiError.badRequest("Invalid permissions '" + p + "': 'r' or 'rw'");
        return p;
    }

    private static Instant expiration(String text) {
        Instant t = Times.parse(text);
        if (t != null && !t.isAfter(Instant.now())) throw ApiError.badRequest("expiration_date must be in the future");
        return t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
