package org.sregistry.globussim.transfer;

import org.sregistry.globussim.store.Endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders {@link Endpoint}s as Transfer {@code endpoint} documents (globus-api.md §3.2). */
public final class EndpointDocuments {
    private EndpointDocuments() {}

    public static Map<String, Object> render(Endpoint e, String callerId) {
        Map<String, Object> d = new LinkedHashMap<>();
        boolean gcp = e.isGcp();
        d.put("DATA_TYPE", "endpoint");
        d.put("id", e.id);
        d.put("display_name", e.displayName);
        d.put("canonical_name", canonicalName(e));
        d.put("owner_id", e.ownerId);
        d.put("owner_string", e.ownerString);
        d.put("username", e.ownerString);
        d.put("contact_email", e.contactEmail);
        d.put("contact_info", e.contactInfo);
        d.put("info_link", e.infoLink);
        d.put("organization", e.organization);
        d.put("department", e.department);
        d.put("description", e.description);
        d.put("keywords", e.keywords);
        d.put("entity_type", e.entityType);
        d.put("is_globus_connect", gcp);
        d.put("gcp_connected", gcp ? e.gcpConnected : null);
        d.put("gcp_paused", gcp ? e.gcpPaused : null);
        d.put("public", e.isPublic);
        d.put("non_functional", e.nonFunctional);
        d.put("non_functional_endpoint_id", null);
        d.put("default_directory", e.defaultDirectory);
        d.put("activated", e.activated);
        d.put("expires_in", e.activated ? -1 : 0);
        d.put("expire_time", null);
        // Guest collections point at the mapped collection they share a folder of (host_endpoint_id and
        // mapped_collection_id; globus-api.md §3.2 "guest-collection linkage"), and name that folder (host_path).
        boolean guest = e.isGuest();
        d.put("host_endpoint_id", guest ? e.mappedCollectionId : null);
        d.put("host_path", guest ? e.hostPath : null);
        d.put("mapped_collection_id", guest ? e.mappedCollectionId : null);
        d.put("high_assurance", false);
        d.put("authentication_timeout_mins", null);
        d.put("mfa_required", false);
        d.put("force_encryption", false);
        d.put("force_verify", false);
        d.put("gcs_version", e.entityType != null && e.entityType.startsWith("GCSv5") ? "5.4.80" : null);
        d.put("https_server", null);
        d.put("subscription_id", null);
        d.put("my_effective_roles", effectiveRoles(e, callerId));
        d.put("in_use", false);
        d.put("DATA", List.of());
        return d;
    }

    private static List<String> effectiveRoles(Endpoint e, String callerId) {
        List<String> roles = new java.util.ArrayList<>();
        if (callerId == null) return roles;
        if (callerId.equals(e.ownerId)) roles.add("administrator");
        for (org.sregistry.globussim.store.RoleGrant g : e.roles) {
            if (callerId.equals(g.principal) && !roles.contains(g.role)) roles.add(g.role);
        }
        return roles;
    }

    static String canonicalName(Endpoint e) {
        String owner = e.ownerId == null ? "unknown" : e.ownerId.replace("-", "").substring(0, Math.min(12, e.ownerId.replace("-", "").length()));
        return "u_" + owner + "#" + e.id;
    }
}
