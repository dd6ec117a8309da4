package org.sregistry.host.access;

/**
 * The registry-wide switches of the permission model, read on every decision (they can change on
 * the settings page).
 *
 * @param anonymousPull      anonymous callers may pull from public collections
 * @param usersCreate        any signed-in user may create a collection by pushing to a new name (else only administrators)
 * @param defaultVisibility  what a new collection starts as
 */
public record AccessPolicy(boolean anonymousPull, boolean usersCreate, Visibility defaultVisibility) {
}
