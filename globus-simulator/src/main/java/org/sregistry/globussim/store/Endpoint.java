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
    public Instant createdAt = Instant.now();

    public String id() { return id; }

    public boolean isGcp() {
        return globusConnect || (entityType != null && entityType.startsWith("GCP_"));
    }
}
