package org.sregistry.globus.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.Endpoint;

class EndpointHealthTest {

    private static Endpoint endpoint(String entityType, Boolean gcp, Boolean connected, Boolean paused,
                                     Boolean nonFunctional) {
        return new Endpoint("endpoint", "id", "name", null, null, null, null, null, null, null, null, null, null,
                null, entityType, gcp, connected, paused, true, null, nonFunctional, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void readsTheStatesTheBadgesShow() {
        assertThat(EndpointHealth.of(endpoint("GCSv5_mapped_collection", false, null, null, false)).badge())
                .isEqualTo("active");
        assertThat(EndpointHealth.of(endpoint("GCP_mapped_collection", true, true, false, false)).usable()).isTrue();
        assertThat(EndpointHealth.of(endpoint("GCP_mapped_collection", true, false, false, false)).badge())
                .isEqualTo("inactive");
        assertThat(EndpointHealth.of(endpoint("GCP_mapped_collection", true, true, true, false)).badge())
                .isEqualTo("paused");
        assertThat(EndpointHealth.of(endpoint("GCSv5_endpoint", false, null, null, true)).badge())
                .isEqualTo("error");
    }
}
