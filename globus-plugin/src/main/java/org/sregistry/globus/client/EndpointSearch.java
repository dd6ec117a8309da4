package org.sregistry.globus.client;

/**
 * An endpoint search: {@code filter_scope} (null = Globus default, {@code all}), {@code filter_fulltext},
 * {@code filter_owner_id}, {@code filter_entity_type}, {@code filter_non_functional}.
 */
public record EndpointSearch(String scope, String fulltext, String ownerId, String entityType, Boolean nonFunctional) {

    /** Everything in a scope (no text filter). */
    public static EndpointSearch scope(EndpointScope scope) {
        return new EndpointSearch(scope.value(), null, null, null, null);
    }

    /** Full-text search in scope {@code all}. */
    public static EndpointSearch fulltext(String text) {
        return new EndpointSearch(EndpointScope.ALL.value(), text, null, null, null);
    }

    public EndpointSearch withScope(String scope) {
        return new EndpointSearch(scope, fulltext, ownerId, entityType, nonFunctional);
    }

    public EndpointSearch withFulltext(String text) {
        return new EndpointSearch(scope, text, ownerId, entityType, nonFunctional);
    }

    public EndpointSearch withOwnerId(String owner) {
        return new EndpointSearch(scope, fulltext, owner, entityType, nonFunctional);
    }

    public EndpointSearch withEntityType(String type) {
        return new EndpointSearch(scope, fulltext, ownerId, type, nonFunctional);
    }

    public EndpointSearch withNonFunctional(Boolean value) {
        return new EndpointSearch(scope, fulltext, ownerId, entityType, value);
    }

    QueryString toQuery() {
        return new QueryString()
                .put("filter_scope", scope)
                .put("filter_fulltext", fulltext == null || fulltext.isBlank() ? null : fulltext)
                .put("filter_owner_id", ownerId)
                .put("filter_entity_type", entityType)
                .put("filter_non_functional", nonFunctional == null ? null : (nonFunctional ? "1" : "0"));
    }
}
