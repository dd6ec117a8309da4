package org.sregistry.globus.endpoints;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.sregistry.globus.client.Endpoint;

/**
 * One line of the endpoints table and of {@code GET /api/globus/endpoints}: what the admin needs to pick an
 * endpoint. Every text comes from Globus, so pages must escape it (JTE does).
 *
 * @param id               the endpoint (collection) id
 * @param name             display name, else canonical name, else id
 * @param scope            {@code my-endpoints} or {@code shared-with-me} when it is the admin's own or shared with
 *                         them, else {@code all} (found by a full-text search of everything visible)
 * @param owner            owner string
 * @param organization     organisation
 * @param contactEmail     contact email
 * @param entityType       Globus entity type
 * @param status           status badge word ({@code active}, {@code inactive}, {@code paused}, {@code error})
 * @param statusDescription the badge in plain words
 * @param defaultDirectory where listings start, or null
 * @param registryEndpoint true when this is the registry's own endpoint ({@code PLUGIN_GLOBUS_ENDPOINT})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointRow(String id, String name, String scope, String owner, String organization,
                          String contactEmail, String entityType, String status, String statusDescription,
                          String defaultDirectory, boolean registryEndpoint) {

    /** The same row, labelled with another scope (a search result that is the admin's own, or shared with them). */
    public EndpointRow inScope(String realScope) {
        return new EndpointRow(id, name, realScope, owner, organization, contactEmail, entityType, status,
                statusDescription, defaultDirectory, registryEndpoint);
    }

    /** The row for an endpoint document found in {@code scope}. */
    public static EndpointRow of(Endpoint endpoint, String scope, String registryEndpointId) {
        EndpointHealth health = EndpointHealth.of(endpoint);
        return new EndpointRow(endpoint.id(), endpoint.name(), scope, endpoint.ownerString(), endpoint.organization(),
                endpoint.contactEmail(), endpoint.entityType(), health.badge(), health.description(),
                endpoint.defaultDirectory(),
                registryEndpointId != null && registryEndpointId.equalsIgnoreCase(endpoint.id()));
    }
}
