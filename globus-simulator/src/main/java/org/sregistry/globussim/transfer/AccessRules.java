package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Times;
import org.sregistry.globussim.store.AccessRule;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.RoleGrant;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What access rules grant on a guest collection (globus-sharing-oidc.md §1), and their {@code access} documents.
 * Rules are additive: a caller may do what any rule naming them (or all authenticated users) allows under its path.
 */
public final class AccessRules {
    public static final Set<String> PRINCIPAL_TYPES = Set.of("identity", "group", "all_authenticated_users", "anonymous");
    public static final Set<String> PERMISSIONS = Set.of("r", "rw");
    /** Roles whose holders get the implicit {@code rw} on {@code /} (listed with {@code role_id}, not editable). */
    static final List<String> IMPLICIT_RW_ROLES = List.of("administrator", "access_manager");

    private AccessRules() {}

    /**
     * A rule path in the form Globus shows it: leading and trailing {@code /}, no empty or {@code .} segments;
     * {@code /~/} (the simulator's name for a collection root) is {@code /}. A {@code ..} segment is refused
     * (400 {@code ClientError.BadRequest}; Globus's exact validation rule is not documented).
     */
    public static String normalizePath(String path) {
        if (path == null || path.isBlank()) throw ApiError.badRequest("Missing required field 'path'");
        if (path.indexOf('\0') >= 0) throw ApiError.badRequest("Invalid character in path");
        String p = path.trim();
        if (p.equals("~") || p.equals("/~")) p = "/";
        else if (p.startsWith("/~/")) p = p.substring(2);
        else if (p.startsWith("~/")) p = p.substring(1);
        Deque<String> segments = new ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) throw ApiError.badRequest("Invalid path '" + path + "': '..' is not allowed in an access rule path");
            segments.addLast(s);
        }
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments) + "/";
    }

    /** A path relative to the root (as {@link EndpointPaths.Resolved#relative()}) as a directory key {@code /a/b/}. */
    static String directoryKey(String relative) {
        return relative == null || relative.isEmpty() ? "/" : "/" + relative + "/";
    }

    /** Whether the rule names this caller (groups are not modelled: a group rule never matches). */
    static boolean names(AccessRule r, String identityId) {
        return switch (r.principalType) {
            case "identity" -> identityId != null && identityId.equals(r.principal);
            case "all_authenticated_users" -> identityId != null;
            case "anonymous" -> true;
            default -> false;
        };
    }

    /** The rules in force now. */
    static List<AccessRule> active(Endpoint e) {
        Instant now = Instant.now();
        return e.accessRules.stream().filter(r -> !r.isExpired(now)).toList();
    }

    /** Whether some rule in force lets the identity read (or, with {@code write}, write) at that relative path. */
    static boolean grants(Endpoint e, String identityId, String relative, boolean write) {
        String key = directoryKey(relative);
        for (AccessRule r : active(e)) {
            if (!names(r, identityId)) continue;
            if (write && !"rw".equals(r.permissions)) continue;
            if (key.startsWith(r.path)) return true;
        }
        return false;
    }

    /** Whether any rule in force names the identity (it may then see the collection). */
    static boolean namesAnywhere(Endpoint e, String identityId) {
        return active(e).stream().anyMatch(r -> names(r, identityId));
    }

    /** The {@code access} document of a rule. */
    public static Map<String, Object> document(AccessRule r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "access");
        d.put("id", r.id);
        d.put("principal_type", r.principalType);
        d.put("principal", r.principal);
        d.put("path", r.path);
        d.put("permissions", r.permissions);
        d.put("notify_email", r.notifyEmail);
        d.put("notify_message", r.notifyMessage);
        d.put("expiration_date", Times.task(r.expirationDate));
        d.put("create_time", Times.task(r.createTime));
        d.put("role_id", null);
        d.put("role_type", null);
        return d;
    }

    /** The implicit {@code rw} on {@code /} of the owner (administrator) and of administrator / access_manager roles. */
    static List<Map<String, Object>> roleEntries(Endpoint e) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (e.ownerId != null) out.add(roleEntry("owner-" + e.id, "administrator", e.ownerId, e.createdAt));
        for (RoleGrant g : e.roles) {
            if (IMPLICIT_RW_ROLES.contains(g.role)) out.add(roleEntry(g.id, g.role, g.principal, e.createdAt));
        }
        return out;
    }

    private static Map<String, Object> roleEntry(String roleId, String role, String principal, Instant created) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "access");
        d.put("id", null);
        d.put("principal_type", "identity");
        d.put("principal", principal);
        d.put("path", "/");
        d.put("permissions", "rw");
        d.put("notify_email", null);
        d.put("notify_message", null);
        d.put("expiration_date", null);
        d.put("create_time", Times.task(created));
        d.put("role_id", roleId);
        d.put("role_type", role);
        return d;
    }
}
