package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint document of globus-api.md §3.2, and the fields sharing decides on. */
class EndpointDocumentTest {

    private static Endpoint parse(String json) throws Exception {
        return GlobusJson.read(GlobusJson.mapper().readTree(json), Endpoint.class);
    }

    @Test
    void theFactSheetsMappedCollection() throws Exception {
        Endpoint e = parse("""
                {"DATA_TYPE":"endpoint","id":"cc3897ac-141c-4aed-b284-86466b2845a7","display_name":"Lab Archive",
                 "canonical_name":"u_abc123#cc3897ac-141c-4aed-b284-86466b2845a7",
                 "owner_id":"658064e9-0d05-48bf-a580-0c08dd3b1e8c","owner_string":"jdoe@example.edu",
                 "contact_email":"storage@example.edu","entity_type":"GCSv5_mapped_collection",
                 "is_globus_connect":false,"gcp_connected":null,"gcp_paused":null,"public":true,
                 "non_functional":false,"non_functional_endpoint_id":"3e5daa70-d249-403a-966e-cf3e62e91580",
                 "default_directory":"/~/","activated":false,"expires_in":0,"high_assurance":false,
                 "host_endpoint_id":null,"DATA":[]}""");
        assertThat(e.entityType()).isEqualTo("GCSv5_mapped_collection");
        assertThat(e.name()).isEqualTo("Lab Archive");
        assertThat(e.isPublic()).isTrue();
        assertThat(e.highAssurance()).isFalse();
        assertThat(e.myEffectiveRoles()).isNull();
    }

    @Test
    void aGuestCollectionWithTheCallersRoles() throws Exception {
        Endpoint e = parse("""
                {"DATA_TYPE":"endpoint","id":"3a42f43c-1744-40dc-9b16-753d8e1589fa","display_name":"Registry staging",
                 "entity_type":"GCSv5_guest_collection","host_endpoint_id":"cc3897ac-141c-4aed-b284-86466b2845a7",
                 "mapped_collection_id":"cc3897ac-141c-4aed-b284-86466b2845a7","host_path":"/srv/registry/staging/",
                 "my_effective_roles":["administrator","access_manager"],"public":false}""");
        assertThat(e.entityType()).isEqualTo("GCSv5_guest_collection");
        assertThat(e.myEffectiveRoles()).containsExactly("administrator", "access_manager");
        assertThat(e.mappedCollectionId()).isEqualTo("cc3897ac-141c-4aed-b284-86466b2845a7");
        assertThat(e.hostPath()).isEqualTo("/srv/registry/staging/");
    }
}
