package org.sregistry.globussim.store;

/**
 * A role on a collection (GCS v5): {@code administrator}, {@code access_manager}, {@code restricted_administrator},
 * {@code activity_manager} or {@code activity_monitor}. The owner is implicitly an administrator.
 */
public final class RoleGrant {
    public String id;
    /** Identity id. */
    public String principal;
    public String role;

    public RoleGrant() {}

    public RoleGrant(String id, String principal, String role) {
        this.id = id;
        this.principal = principal;
        this.role = role;
    }
}
