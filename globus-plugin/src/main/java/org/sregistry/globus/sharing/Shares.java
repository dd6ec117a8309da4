package org.sregistry.globus.sharing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.AccessRuleRequest;
import org.sregistry.globus.client.GlobusApiException;

/**
 * A transfer's share: the access rule that lets one Globus identity read ({@code r}, a Send) or write ({@code rw},
 * a Bring) the transfer's folder {@code /t/<sid>/} on the registry's guest collection, made and removed with the
 * service connection.
 *
 * <ul>
 *   <li>{@link #create}: {@code Exists} (a retry whose first answer was lost, or a restart that re-creates) adopts
 *       the identical rule found by path, principal and permissions; a rule for the same principal and path with
 *       other permissions is {@link SharingException.Reason#CONFLICTING_RULE}.</li>
 *   <li>{@code PermissionDenied} on create or remove is {@link SharingException.Reason#NOT_MANAGER}.</li>
 *   <li>{@link #remove}: a rule already gone (404) counts as removed.</li>
 *   <li>Every other Globus refusal is thrown as it came ({@link GlobusApiException}, Globus's code).</li>
 * </ul>
 * Only paths of the form {@link SharePaths} builds are accepted.
 */
public final class Shares {

    private static final Logger LOG = LoggerFactory.getLogger(Shares.class);

    private final Supplier<AccessRuleClient> service;
    private final RuleFinder finder;

    /** Shares made with the service connection's client; {@code finder} looks up rules on {@code Exists}. */
    public Shares(Supplier<AccessRuleClient> service, RuleFinder finder) {
        this.service = Objects.requireNonNull(service);
        this.finder = Objects.requireNonNull(finder);
    }

    /**
     * Creates (or adopts) the rule and answers its id.
     *
     * @param path        {@code /t/<sid>/}, as {@link SharePaths#of} builds it
     * @param permissions {@code r} or {@code rw}
     * @param expiresAt   when Globus removes the rule by itself (the backstop if the registry never does)
     */
    public String create(String collectionId, String principalIdentityId, String path, String permissions,
                         Instant expiresAt) {
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(principalIdentityId, "principalIdentityId");
        SharePaths.require(path);
        Objects.requireNonNull(expiresAt, "expiresAt");
        // refuses permissions other than r and rw before anything is sent
        AccessRuleRequest request = AccessRuleRequest.identity(principalIdentityId, path, permissions,
                expiresAt.atOffset(ZoneOffset.UTC));
        try {
            return service.get().create(collectionId, request);
        } catch (GlobusApiException e) {
            if (e.permissionDenied()) {
                throw notManager(e);
            }
            if (!e.exists()) {
                throw e;
            }
            return adopt(collectionId, principalIdentityId, path, permissions, e);
        }
    }

    /** Deletes the rule: true when deleted now, false when it was already gone. */
    public boolean remove(String collectionId, String ruleId) {
        Objects.requireNonNull(collectionId, "collectionId");
        Objects.requireNonNull(ruleId, "ruleId");
        try {
            return service.get().delete(collectionId, ruleId);
        } catch (GlobusApiException e) {
            throw e.permissionDenied() ? notManager(e) : e;
        }
    }

    private String adopt(String collectionId, String principal, String path, String permissions,
                         GlobusApiException exists) {
        Optional<AccessRule> found = finder.byPath(collectionId, path, principal);
        if (found.isEmpty()) {
            throw exists; // Globus says it exists but does not list it: show Globus's answer as it came
        }
        AccessRule rule = found.get();
        if (!permissions.equals(rule.permissions())) {
            throw new SharingException(SharingException.Reason.CONFLICTING_RULE, "an access rule for " + principal
                    + " on " + path + " already exists with permissions '" + rule.permissions() + "', not '"
                    + permissions + "' (rule " + rule.id() + ")", exists);
        }
        LOG.info("Globus access rule for {} on {}:{} already existed; adopted rule {}", principal, collectionId, path,
                rule.id());
        return rule.id();
    }

    private static SharingException notManager(GlobusApiException e) {
        return new SharingException(SharingException.Reason.NOT_MANAGER, SharingException.NOT_MANAGER_MESSAGE
                + " (Globus: " + e.code() + (e.requestId() == null ? "" : ", request_id " + e.requestId()) + ")", e);
    }
}
