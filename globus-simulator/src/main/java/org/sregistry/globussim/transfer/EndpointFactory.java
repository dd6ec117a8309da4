package org.sregistry.globussim.transfer;

import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.Identity;
import org.sregistry.globussim.store.RoleGrant;
import org.sregistry.globussim.store.StateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Creates and updates endpoints from {@link EndpointSpec}s, making sure each has a root folder. */
public final class EndpointFactory {
    static final String CLIENT_DOMAIN = "@clients.auth.globus.org";
    static final List<String> ROLES = List.of("administrator", "access_manager", "restricted_administrator",
            "activity_manager", "activity_monitor");

    private final StateStore store;
    private final Path dataDir;
    private final Supplier<Identity> defaultIdentity;

    public EndpointFactory(StateStore store, Path dataDir, Supplier<Identity> defaultIdentity) {
        this.store = store;
        this.dataDir = dataDir;
        this.defaultIdentity = defaultIdentity;
    }

    /** Creates the endpoint, or updates the given fields when {@code spec.id} already exists. */
    public synchronized Endpoint createOrUpdate(EndpointSpec spec) {
        if (spec.id != null && !Ids.isUuid(spec.id)) throw ApiError.badRequest("Endpoint 'id' must be a UUID");
        Endpoint existing = spec.id == null ? null : store.endpoint(spec.id);
        Endpoint e = existing != null ? existing : new Endpoint();
        if (existing == null) {
            e.id = spec.id != null ? spec.id : Ids.uuid();
            if (spec.displayName == null || spec.displayName.isBlank()) throw ApiError.badRequest("'display_name' is required");
            Identity owner = spec.owner == null ? defaultIdentity.get() : ownerOf(spec.owner);
            e.ownerId = owner.id;
            e.ownerString = owner.username;
        } else if (spec.owner != null) {
            Identity owner = ownerOf(spec.owner);
            e.ownerId = owner.id;
            e.ownerString = owner.username;
        }
        if (spec.displayName != null) e.displayName = spec.displayName;
        if (spec.sharedWith != null) {
            List<String> ids = new ArrayList<>();
            for (String who : spec.sharedWith) {
                Identity i = store.identityByIdOrUsername(who);
                ids.add((i != null ? i : store.getOrCreateIdentity(who)).id);
            }
            e.sharedWith = ids;
        }
        if (spec.organization != null) e.organization = spec.organization;
        if (spec.department != null) e.department = spec.department;
        if (spec.contactEmail != null) e.contactEmail = spec.contactEmail;
        if (spec.description != null) e.description = spec.description;
        if (spec.keywords != null) e.keywords = spec.keywords;
        if (spec.activated != null) e.activated = spec.activated;
        if (spec.entityType != null) e.entityType = spec.entityType;
        e.globusConnect = e.entityType != null && e.entityType.startsWith("GCP_");
        if (e.globusConnect) {
            if (spec.gcpConnected != null) e.gcpConnected = spec.gcpConnected;
            else if (e.gcpConnected == null) e.gcpConnected = true;
            if (spec.gcpPaused != null) e.gcpPaused = spec.gcpPaused;
            else if (e.gcpPaused == null) e.gcpPaused = false;
        }
        if (spec.nonFunctional != null) e.nonFunctional = spec.nonFunctional;
        if (spec.consentRequired != null) e.consentRequired = spec.consentRequired;
        if (spec.defaultDirectory != null) e.defaultDirectory = spec.defaultDirectory;
        if (spec.isPublic != null) e.isPublic = spec.isPublic;
        if (spec.roles != null) {
            List<RoleGrant> grants = new ArrayList<>();
            for (var entry : spec.roles.entrySet()) {
                if (!ROLES.contains(entry.getKey())) throw ApiError.badRequest("Unknown role '" + entry.getKey() + "': one of " + ROLES);
                for (String who : entry.getValue()) grants.add(new RoleGrant(Ids.uuid(), ownerOf(who).id, entry.getKey()));
            }
            e.roles = grants;
        }
        if (spec.mappedCollection != null) {
            Endpoint mapped = store.endpoint(spec.mappedCollection);
            if (mapped == null) throw ApiError.notFound("EndpointNotFound", "No such mapped collection '" + spec.mappedCollection + "'");
            if (mapped.isGuest()) throw ApiError.badRequest("A guest collection cannot be hosted on another guest collection");
            e.mappedCollectionId = mapped.id;
            String hostPath = spec.hostPath != null ? spec.hostPath : e.hostPath != null ? e.hostPath : "/";
            EndpointPaths.Resolved at = EndpointPaths.resolve(mapped, hostPath);
            e.hostPath = at.relative().isEmpty() ? "/" : "/" + at.relative() + "/";
            if (spec.root == null) e.root = at.local().toString();
        } else if (spec.hostPath != null) {
            e.hostPath = spec.hostPath;
        }
        if (e.isGuest() && existing == null && spec.defaultDirectory == null) e.defaultDirectory = "/";
        if (spec.root != null) e.root = Path.of(spec.root).toAbsolutePath().normalize().toString();
        else if (e.root == null) e.root = dataDir.resolve("endpoints").resolve(e.id).toAbsolutePath().toString();
        try {
            Files.createDirectories(Path.of(e.root));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create endpoint root " + e.root, ex);
        }
        store.putEndpoint(e);
        return e;
    }

    /**
     * An identity by id or username, created if new. A confidential client's identity ({@code <client_id>} of a
     * registered client, or {@code <client_id>@clients.auth.globus.org}) has the client's id, as in Globus Auth.
     */
    private Identity ownerOf(String who) {
        Identity i = store.identityByIdOrUsername(who);
        if (i != null) return i;
        String clientId = who.endsWith(CLIENT_DOMAIN) ? who.substring(0, who.length() - CLIENT_DOMAIN.length()) : null;
        if (clientId == null && Ids.isUuid(who)) clientId = who; // an unknown bare UUID: a client's identity id
        if (clientId != null && Ids.isUuid(clientId)) return store.getOrCreateIdentity(clientId, clientId + CLIENT_DOMAIN);
        return store.getOrCreateIdentity(who);
    }
}
