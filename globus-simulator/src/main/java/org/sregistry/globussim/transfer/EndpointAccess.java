package org.sregistry.globussim.transfer;

import org.sregistry.globussim.auth.RequestedScopes;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.StateStore;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Who may see and use an endpoint, and the Globus errors when they may not. */
public final class EndpointAccess {
    private final StateStore store;

    public EndpointAccess(StateStore store) {
        this.store = store;
    }

    /** The endpoint, or 404 {@code EndpointNotFound}. */
    public Endpoint find(String id) {
        Endpoint e = store.endpoint(id);
        if (e == null) throw ApiError.notFound("EndpointNotFound", "No such endpoint with id '" + id + "'");
        return e;
    }

    public static boolean isOwner(String identityId, Endpoint e) { return identityId.equals(e.ownerId); }

    /**
     * Owner, shared-with, or an administrator / access manager (their implicit {@code rw} on {@code /}): may list,
     * mkdir and move data anywhere on the endpoint.
     */
    public static boolean canUse(String identityId, Endpoint e) {
        return isOwner(identityId, e) || e.sharedWith.contains(identityId)
                || e.hasRole(identityId, AccessRules.IMPLICIT_RW_ROLES.toArray(String[]::new));
    }

    /** May read the endpoint document / find it by search: public, usable, or named by an access rule. */
    public static boolean canSee(String identityId, Endpoint e) {
        return e.isPublic || canUse(identityId, e) || (e.isGuest() && AccessRules.namesAnywhere(e, identityId));
    }

    /**
     * May read ({@code write=false}: ls, stat, transfer source) or write ({@code write=true}: mkdir, transfer
     * destination) at this path (relative to the root, as {@link EndpointPaths.Resolved#relative()}). Full users
     * may do anything; on a guest collection anyone else needs an access rule covering the path.
     */
    public static boolean permits(String identityId, Endpoint e, String relative, boolean write) {
        if (canUse(identityId, e)) return true;
        return e.isGuest() && AccessRules.grants(e, identityId, relative, write);
    }

    /**
     * The error for a caller who may not read / write there. On a guest collection it is 403 {@code PermissionDenied}
     * (the fact sheet names no specific code for a missing access rule; the code is the one Transfer uses for
     * permission failures), elsewhere 403 {@code EndpointPermissionDenied} as before.
     */
    static ApiError denied(Endpoint e, String globusPath, boolean write) {
        if (e.isGuest()) {
            return new ApiError(403, "PermissionDenied", "No access rule on guest collection '" + e.id + "' grants your identity "
                    + (write ? "write (rw)" : "read (r)") + " access to '" + globusPath + "'");
        }
        return new ApiError(403, "EndpointPermissionDenied",
                "Permission denied on endpoint '" + e.id + "': your identity has no access to this collection");
    }

    /** An endpoint the caller may see, else 404 / 403 {@code PermissionDenied}. */
    public Endpoint visible(Caller caller, String id) {
        Endpoint e = find(id);
        if (!canSee(caller.id(), e)) {
            throw new ApiError(403, "PermissionDenied", "You do not have permission to view endpoint '" + id + "'");
        }
        return e;
    }

    /**
     * An endpoint the caller may read and write through (ls, mkdir), with consent and connectivity checked in the
     * order Globus does: visibility, consent, storage permission, then endpoint state.
     */
    public Endpoint usable(Caller caller, String id, String operation) {
        Endpoint e = visible(caller, id);
        requireConsent(caller, List.of(e));
        if (!canUse(caller.id(), e) && !e.isGuest()) throw denied(e, "/", false);
        requireOnline(e, operation);
        return e;
    }

    /**
     * {@link #usable} for one path: also checks the caller may read ({@code write=false}) or write there, which on
     * a guest collection an access rule may grant. Returns the resolved path.
     */
    public EndpointPaths.Resolved usablePath(Caller caller, Endpoint e, String globusPath, boolean write) {
        EndpointPaths.Resolved r = EndpointPaths.resolve(e, globusPath);
        if (!permits(caller.id(), e, r.relative(), write)) throw denied(e, globusPath, write);
        return r;
    }

    /** 403 {@code ConsentRequired} when one of these collections needs {@code data_access} consent the token lacks. */
    public static void requireConsent(Caller caller, Collection<Endpoint> endpoints) {
        List<String> missing = endpoints.stream()
                .filter(e -> e.consentRequired && !caller.hasConsentFor(e.id))
                .map(e -> e.id).distinct().collect(Collectors.toList());
        if (missing.isEmpty()) return;
        String deps = missing.stream().map(id -> "*https://auth.globus.org/scopes/" + id + "/data_access")
                .collect(Collectors.joining(" "));
        throw new ApiError(403, "ConsentRequired", "Missing required data_access consent")
                .with("required_scopes", List.of(RequestedScopes.TRANSFER_SCOPE + "[" + deps + "]"));
    }

    /** GCP endpoints must be connected and not paused; GCSv5 endpoint entities hold no data. */
    static void requireOnline(Endpoint e, String operation) {
        String failed = "mkdir".equals(operation) ? "ExternalError.MkdirFailed" : "ExternalError.DirListingFailed";
        if (e.isGcp() && Boolean.FALSE.equals(e.gcpConnected)) {
            throw new ApiError(502, failed + ".GCDisconnected",
                    "The Globus Connect Personal endpoint '" + e.id + "' is not currently connected to Globus");
        }
        if (e.isGcp() && Boolean.TRUE.equals(e.gcpPaused)) {
            throw new ApiError(502, failed + ".GCPaused",
                    "The Globus Connect Personal endpoint '" + e.id + "' is paused");
        }
        if (e.nonFunctional) {
            throw new ApiError(400, "ClientError.BadRequest.NonFunctionalEndpoint",
                    "Endpoint '" + e.id + "' is a non-functional GCSv5 endpoint; use one of its collections");
        }
    }
}
