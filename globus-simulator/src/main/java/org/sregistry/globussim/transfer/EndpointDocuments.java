package org.sregistry.globussim.transfer;

import org.sregistry.globussim.store.Endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Renders {@link Endpoint}s as Transfer {@code endpoint} documents (globus-api.md §3.2). */
public final class EndpointDocuments {
    private EndpointDocuments() {}

    /**
     * The document as {@code callerId} sees it. {@code lookup} finds other endpoints by id (for the display names of
     * a guest collection's mapped collection); null leaves those names null.
     */
    public static Map<String, Object> render(Endpoint e, String callerId, Function<String, Endpoint> lookup) {
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
        // The rest of the fields the official JavaScript SDK's EndpointDocument type declares (required there, most
        // nullable): Globus sends them all, so clients may read any of them without a presence check.
        Endpoint mapped = guest && lookup != null && e.mappedCollectionId != null ? lookup.apply(e.mappedCollectionId) : null;
        d.put("name", e.id); // deprecated: the part of canonical_name after '#'
        d.put("user_message", null);
        d.put("user_message_link", null);
        d.put("subscription_admin_verified", false);
        d.put("french_english_bilingual", false);
        d.put("guest_collection_activity_notification_policy", null);
        d.put("disable_verify", false);
        d.put("disable_anonymous_writes", false);
        d.put("myproxy_server", null);
        d.put("myproxy_dn", null);
        d.put("oauth_server", null);
        d.put("requester_pays", false);
        d.put("globus_connect_setup_key", gcp && callerId != null && callerId.equals(e.ownerId) ? e.gcpSetupKey : null);
        d.put("host_endpoint", mapped != null ? canonicalName(mapped) : null);
        d.put("host_endpoint_display_name", mapped != null ? mapped.displayName : null);
        d.put("s3_url", null);
        d.put("s3_owner_activated", false);
        d.put("acl_available", guest);
        d.put("acl_editable", guest && e.hasRole(callerId, "administrator", "access_manager"));
        d.put("network_use", null);
        d.put("location", null);
        d.put("max_concurrency", null);
        d.put("preferred_concurrency", null);
        d.put("max_parallelism", null);
        d.put("preferred_parallelism", null);
        d.put("local_user_info_available", null);
        d.put("tlsftp_server", null);
        d.put("gcs_manager_url", null);
        d.put("authentication_policy_id", null);
        d.put("acl_max_expiration_period_mins", null);
        d.put("authentication_assurance_timeout", null);
        d.put("auto_delete_timeout", null);
        d.put("last_accessed_time", null);
        d.put("non_functional_endpoint_display_name", null);
        d.put("mapped_collection_display_name", mapped != null ? mapped.displayName : null);
        d.put("shareable", "GCSv5_mapped_collection".equals(e.entityType) || "GCP_mapped_collection".equals(e.entityType));
        d.put("sharing_target_endpoint", guest ? e.mappedCollectionId : null);
        d.put("sharing_target_root_path", guest ? e.hostPath : null);
        d.put("skip_auto_delete", guest ? Boolean.FALSE : null);
        d.put("restrict_transfers_to_high_assurance", null);
        d.put("associated_flow_policy", null);
        d.put("preserve_modtime", null);
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
