package org.sregistry.globus.client;

/** Values of {@code filter_scope} for endpoint search ({@code all} needs a fulltext filter). */
public enum EndpointScope {
    ALL("all"),
    MY_ENDPOINTS("my-endpoints"),
    MY_GCP_ENDPOINTS("my-gcp-endpoints"),
    RECENTLY_USED("recently-used"),
    IN_USE("in-use"),
    SHARED_BY_ME("shared-by-me"),
    SHARED_WITH_ME("shared-with-me"),
    ADMINISTERED_BY_ME("administered-by-me");

    private final String value;

    EndpointScope(String value) {
        this.value = value;
    }

    /** The wire value. */
    public String value() {
        return value;
    }
}
