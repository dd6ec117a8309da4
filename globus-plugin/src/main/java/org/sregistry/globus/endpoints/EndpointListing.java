package org.sregistry.globus.endpoints;

import java.time.Instant;
import java.util.List;

/**
 * The endpoints found for one query.
 *
 * @param query     the full-text query, or null for the admin's own and shared endpoints
 * @param scopes    the scopes searched
 * @param rows      the endpoints, registry's own first, then by scope order and name
 * @param fetchedAt when the oldest part of it came from Globus
 * @param cached    true when served (at least partly) from the short-lived cache
 */
public record EndpointListing(String query, List<String> scopes, List<EndpointRow> rows, Instant fetchedAt,
                              boolean cached) {

    public EndpointListing {
        scopes = List.copyOf(scopes);
        rows = List.copyOf(rows);
    }

    /** True when nothing was found. */
    public boolean empty() {
        return rows.isEmpty();
    }
}
