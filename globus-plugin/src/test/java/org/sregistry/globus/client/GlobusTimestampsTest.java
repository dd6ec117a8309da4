package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class GlobusTimestampsTest {

    @Test
    void parsesBothGlobusStyles() throws Exception {
        OffsetDateTime expected = OffsetDateTime.of(2024, 2, 6, 6, 59, 2, 0, ZoneOffset.UTC);
        assertThat(GlobusTimestamps.parse("2024-02-06T06:59:02+00:00")).isEqualTo(expected);
        assertThat(GlobusTimestamps.parse("2024-02-06 06:59:02+00:00")).isEqualTo(expected);
        assertThat(GlobusTimestamps.parse("2024-02-06 06:59:02")).isEqualTo(expected);
        assertThat(GlobusTimestamps.parse("2024-02-06T06:59:02Z")).isEqualTo(expected);
        assertThat(GlobusTimestamps.parse("2024-02-06T06:59:02.123456+00:00")).isEqualTo(expected.withNano(123456000));
        assertThat(GlobusTimestamps.parse(null)).isNull();
    }

    @Test
    void recordsParseLenientlyWithUnknownFieldsAndBothStyles() throws Exception {
        String json = """
                {"DATA_TYPE":"file","name":"a.sif","type":"file","size":3771,
                 "last_modified":"2023-12-18 16:52:50+00:00","permissions":"0644","brand_new_field":{"x":1},
                 "link_target":null}""";
        FileEntry f = GlobusJson.mapper().readValue(json, FileEntry.class);
        assertThat(f.lastModified()).isEqualTo(OffsetDateTime.of(2023, 12, 18, 16, 52, 50, 0, ZoneOffset.UTC));
        assertThat(f.isFile()).isTrue();
        Task t = GlobusJson.mapper().readValue("""
                {"DATA_TYPE":"task","task_id":"t1","status":"ACTIVE","request_time":"2025-12-01T10:00:00+00:00",
                 "completion_time":null,"is_ok":true,"fatal_error":null,"subtasks_skipped_errors":0,"whatever":[1]}""",
                Task.class);
        assertThat(t.requestTime()).isEqualTo(OffsetDateTime.of(2025, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(t.completionTime()).isNull();
        assertThat(t.isOk()).isTrue();
        assertThat(t.isFinished()).isFalse();
    }

    @Test
    void endpointDocumentFromTheReferenceParses() throws Exception {
        Endpoint e = GlobusJson.mapper().readValue("""
                {"DATA_TYPE":"endpoint","id":"cc3897ac-141c-4aed-b284-86466b2845a7","display_name":"Lab Archive",
                 "canonical_name":"u_abc123#cc3897ac","owner_id":"658064e9","owner_string":"jdoe@example.edu",
                 "contact_email":"storage@example.edu","entity_type":"GCSv5_mapped_collection",
                 "is_globus_connect":false,"gcp_connected":null,"gcp_paused":null,"public":true,
                 "non_functional":false,"non_functional_endpoint_id":"3e5daa70","default_directory":"/~/",
                 "activated":false,"expires_in":0,"expire_time":"2023-12-18 16:52:50+00:00",
                 "high_assurance":false,"host_endpoint_id":null,"DATA":[]}""", Endpoint.class);
        assertThat(e.name()).isEqualTo("Lab Archive");
        assertThat(e.isPublic()).isTrue();
        assertThat(e.isGlobusConnect()).isFalse();
        assertThat(e.defaultDirectory()).isEqualTo("/~/");
        assertThat(e.expireTime()).isNotNull();
    }
}
