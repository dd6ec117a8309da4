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
        d.put("host_endpoint_id", null);
        d.put("host_path", null);
        d.put("mapped_collection_id", null);
        d.put("high_assurance", false);
        d.put("authentication_timeout_mins", null);
        d.put("mfa_required", false);
        d.put("force_encryption", false);
        d.put("force_verify", false);
        d.put("gcs_version", e.entityType != null && e.entityType.startsWith("GCSv5") ? "5.4.80" : null);
        d.put("https_server", null);
        d.put("subscription_id", null);
        d.put("my_effective_roles", callerId != null && callerId.equals(e.ownerId) ? List.of("administrator") : List.of());
        d.put("in_use", false);
        d.put("DATA", List.of());
        return d;
    }

    static String canonicalName(Endpoint e) {
        String owner = e.ownerId == null ? "unknown" : e.ownerId.replace("-", "").substring(0, Math.min(12, e.ownerId.replace("-", "").length()));
        return "u_" + owner + "#" + e.id;
    }
}
