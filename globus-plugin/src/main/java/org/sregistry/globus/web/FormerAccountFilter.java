package org.sregistry.globus.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.sregistry.api.Access;
import org.sregistry.globus.accounts.FormerAccounts;

/** Runs {@link FormerAccounts} before each of the plugin's requests that has a signed-in caller. */
final class FormerAccountFilter implements ContainerRequestFilter {
    private final Access access;
    private final FormerAccounts accounts;

    FormerAccountFilter(Access access, FormerAccounts accounts) {
        this.access = access;
        this.accounts = accounts;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        access.caller().ifPresent(accounts::admit);
    }
}
