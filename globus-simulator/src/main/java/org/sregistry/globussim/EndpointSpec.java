package org.sregistry.globussim;

import java.util.ArrayList;
import java.util.List;

/**
 * What to seed an endpoint with (the Java twin of {@code POST /sim/endpoints}). Null fields take defaults on
 * create and are left alone on update (an existing {@code id} updates that endpoint).
 */
public final class EndpointSpec {
    public String id;
    public String displayName;
    /** Username or identity id; the default identity when null. */
    public String owner;
    /** Usernames or identity ids (unknown usernames are created). */
    public List<String> sharedWith;
    public String organization;
    public String department;
    public String contactEmail;
    public String description;
    public String keywords;
    /** Local folder; a new folder under the data dir when null. */
    public String root;
    public Boolean activated;
    public String entityType;
    public Boolean gcpConnected;
    public Boolean gcpPaused;
    public Boolean nonFunctional;
    public Boolean consentRequired;
    public String defaultDirectory;
    public Boolean isPublic;
    /** Guest collections: the mapped collection they share a folder of (its id). */
    public String mappedCollection;
    /** Guest collections: that folder, as a path on the mapped collection (default {@code /}). */
    public String hostPath;
    /** Roles to set (replacing the present ones): {@code role} → usernames or identity ids. */
    public java.util.Map<String, List<String>> roles;

    /**
     * A GCS v5 guest collection over a folder of a mapped collection (the folder is created; its files are the
     * mapped collection's). {@code mappedCollectionId} may be null for a guest collection with its own root.
     */
    public static EndpointSpec guest(String displayName, String mappedCollectionId, String hostPath) {
        EndpointSpec s = named(displayName);
        s.entityType = "GCSv5_guest_collection";
        s.mappedCollection = mappedCollectionId;
        s.hostPath = hostPath;
        return s;
    }

    public static EndpointSpec named(String displayName) {
        EndpointSpec s = new EndpointSpec();
        s.displayName = displayName;
        return s;
    }

    public EndpointSpec id(String v) { id = v; return this; }
    public EndpointSpec owner(String v) { owner = v; return this; }
    public EndpointSpec sharedWith(String... usernames) { sharedWith = new ArrayList<>(List.of(usernames)); return this; }
    public EndpointSpec organization(String v) { organization = v; return this; }
    public EndpointSpec department(String v) { department = v; return this; }
    public EndpointSpec contactEmail(String v) { contactEmail = v; return this; }
    public EndpointSpec description(String v) { description = v; return this; }
    public EndpointSpec keywords(String v) { keywords = v; return this; }
    public EndpointSpec root(java.nio.file.Path v) { root = v.toAbsolutePath().toString(); return this; }
    public EndpointSpec activated(boolean v) { activated = v; return this; }
    public EndpointSpec entityType(String v) { entityType = v; return this; }
    public EndpointSpec gcpConnected(boolean v) { gcpConnected = v; return this; }
    public EndpointSpec gcpPaused(boolean v) { gcpPaused = v; return this; }
    public EndpointSpec nonFunctional(boolean v) { nonFunctional = v; return this; }
    public EndpointSpec consentRequired(boolean v) { consentRequired = v; return this; }
    public EndpointSpec defaultDirectory(String v) { defaultDirectory = v; return this; }
    public EndpointSpec publicEndpoint(boolean v) { isPublic = v; return this; }
    public EndpointSpec mappedCollection(String v) { mappedCollection = v; return this; }
    public EndpointSpec hostPath(String v) { hostPath = v; return this; }
    /** Grants a role ({@code administrator}, {@code access_manager}, {@code restricted_administrator}, ...) to these principals. */
    public EndpointSpec role(String role, String... usernamesOrIds) {
        if (roles == null) roles = new java.util.LinkedHashMap<>();
        roles.computeIfAbsent(role, k -> new ArrayList<>()).addAll(List.of(usernamesOrIds));
        return this;
    }
}
