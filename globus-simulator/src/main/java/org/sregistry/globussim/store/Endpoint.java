package org.sregistry.globussim.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An endpoint (collection) backed by a local folder. Fields mirror the Transfer endpoint document. */
public final class Endpoint {
    public String id;
    public String displayName;
    public String ownerId;
    public String ownerString;
    public List<String> sharedWith = new ArrayList<>();
    public String organization;
    public String department;
    public String description;
    public String keywords;
    public String contactEmail;
    public String contactInfo;
    public String infoLink;
    /** Absolute local folder that {@code /} and {@code /~/} map to. */
    public String root;
    public boolean activated = true;
    public String entityType = "GCSv5_mapped_collection";
    public boolean globusConnect;
    public Boolean gcpConnected;
    public Boolean gcpPaused;
    public boolean nonFunctional;
    /** GCSv5 mapped collections may need a per-collection {@code data_access} consent. */
    public boolean consentRequired;
    public String defaultDirectory = "/~/";
    public boolean isPublic = true;
    public String gcpSetupKey;
    /** Guest collections: the mapped collection they expose a subtree of ({@code host_endpoint_id}, {@code mapped_collection_id}). */
    public String mappedCollectionId;
    /** Guest collections: the folder of the mapped collection that is this collection's root ({@code host_path}). */
    public String hostPath;
    /** Roles besides the owner's implicit administrator role. */
    public List<RoleGrant> roles = new ArrayList<>();
    /**
     * Access rules (guest collections only). Replaced, never mutated in place (copy on write under the
     * {@link StateStore} lock), so readers may iterate the list they read without locking.
     */
    public volatile List<AccessRule> accessRules = new ArrayList<>();
    public Instant createdAt = Instant.now();

    public String id() { return id; }

    /** A guest collection (GCS v5 or Globus Connect Personal), or a legacy GCSv4 share: access goes by access rules. */
    public boolean isGuest() {
        return entityType != null && (entityType.endsWith("_guest_collection") || entityType.equals("GCSv4_share"));
    }

    /** Whether the identity holds one of these roles (the owner counts as administrator). */
    public boolean hasRole(String identityId, String... anyOf) {
        if (identityId == null) return false;
        for (String r : anyOf) {
            if ("administrator".equals(r) && identityId.equals(ownerId)) return true;
            for (RoleGrant g : roles) if (identityId.equals(g.principal) && r.equals(g.role)) return true;
        }
        return false;
    }

    public boolean isGcp() {
        return globusConnect || (entityType != null && entityType.startsWith("GCP_"));
    }
}
