package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code POST endpoint/{id}/access} asks for (globus-sharing-oidc.md §1). The path is sent as a directory with
 * a leading and a trailing {@code /} (the form of every Globus example; added when missing), {@code permissions} is
 * {@code r} or {@code rw}. Optional fields left null are not sent.
 *
 * @param principalType  {@code identity}, {@code group}, {@code all_authenticated_users} or {@code anonymous}
 * @param principal      identity or group UUID; {@code ""} for all_authenticated_users and anonymous
 * @param expirationDate when Globus removes the rule by itself, or null for never
 */
public record AccessRuleRequest(String principalType, String principal, String path, String permissions,
                                OffsetDateTime expirationDate, String notifyEmail, String notifyMessage) {

    private static final Set<String> PERMISSIONS = Set.of("r", "rw");

    public AccessRuleRequest {
        Objects.requireNonNull(principalType, "principalType");
        principal = principal == null ? "" : principal;
        path = asDirectory(Objects.requireNonNull(path, "path"));
        if (!PERMISSIONS.contains(permissions)) {
            throw new IllegalArgumentException("permissions must be 'r' or 'rw', not " + permissions);
        }
    }

    /** A rule for one Globus identity, without an invitation e-mail. */
    public static AccessRuleRequest identity(String identityId, String path, String permissions,
                                             OffsetDateTime expirationDate) {
        return new AccessRuleRequest("identity", Objects.requireNonNull(identityId, "identityId"), path, permissions,
                expirationDate, null, null);
    }

    /** The access document sent to Globus. */
    public ObjectNode toJson() {
        ObjectNode doc = GlobusJson.mapper().createObjectNode();
        doc.put("DATA_TYPE", "access");
        doc.put("principal_type", principalType);
        doc.put("principal", principal);
        doc.put("path", path);
        doc.put("permissions", permissions);
        if (expirationDate != null) {
            doc.put("expiration_date", GlobusTimestamps.format(expirationDate));
        }
        if (notifyEmail != null) {
            doc.put("notify_email", notifyEmail);
        }
        if (notifyMessage != null) {
            doc.put("notify_message", notifyMessage);
        }
        return doc;
    }

    /** {@code path} with a leading and a trailing {@code /} (added when missing). */
    public static String asDirectory(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p : p + "/";
    }
}
