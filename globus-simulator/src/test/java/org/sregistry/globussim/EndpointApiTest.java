package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointApiTest extends SimulatorTestBase {

    @Test
    void endpointDocumentHasTheGlobusFields() {
        String id = "cc3897ac-141c-4aed-b284-86466b2845a7";
        sim.createEndpoint(EndpointSpec.named("Lab Archive").id(id).organization("Example University")
                .contactEmail("storage@example.edu").description("Long-term lab storage").root(tmp.resolve("lab")));
        SimClient.Res r = http.get(X + "/endpoint/" + id, token);
        assertThat(r.status()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.get("DATA_TYPE").asText()).isEqualTo("endpoint");
        assertThat(e.get("id").asText()).isEqualTo(id);
        assertThat(e.get("display_name").asText()).isEqualTo("Lab Archive");
        assertThat(e.get("canonical_name").asText()).endsWith("#" + id);
        assertThat(e.get("owner_id").asText()).isEqualTo(sim.defaultIdentityId());
        assertThat(e.get("owner_string").asText()).isEqualTo("admin@example.org");
        assertThat(e.get("contact_email").asText()).isEqualTo("storage@example.edu");
        assertThat(e.get("organization").asText()).isEqualTo("Example University");
        assertThat(e.get("entity_type").asText()).isEqualTo("GCSv5_mapped_collection");
        assertThat(e.get("is_globus_connect").asBoolean()).isFalse();
        assertThat(e.get("gcp_connected").isNull()).isTrue();
        assertThat(e.get("gcp_paused").isNull()).isTrue();
        assertThat(e.get("public").asBoolean()).isTrue();
        assertThat(e.get("non_functional").asBoolean()).isFalse();
        assertThat(e.get("default_directory").asText()).isEqualTo("/~/");
        assertThat(e.get("activated").isBoolean()).isTrue();
        assertThat(e.get("high_assurance").asBoolean()).isFalse();
        assertThat(e.get("host_endpoint_id").isNull()).isTrue();
        assertThat(e.get("DATA").isArray()).isTrue();
        assertThat(e.fieldNames()).toIterable().contains("non_functional_endpoint_id", "expires_in", "contact_info",
                "info_link", "department", "description", "keywords", "my_effective_roles", "subscription_id");
    }

    /** Every field the official JavaScript SDK's {@code EndpointDocument} type declares as required is present. */
    @Test
    void endpointDocumentHasEveryFieldTheJavaScriptSdkDeclares() {
        String mapped = endpoint("Cluster", tmp.resolve("cluster"));
        String guest = sim.createGuestCollection(EndpointSpec.guest("Staging", mapped, "/staging/")).id;
        List<String> sdkFields = List.of("DATA_TYPE", "id", "display_name", "organization", "department", "keywords",
                "name", "canonical_name", "username", "owner_id", "owner_string", "description", "contact_email",
                "contact_info", "info_link", "user_message", "user_message_link", "public", "subscription_id",
                "subscription_admin_verified", "french_english_bilingual", "default_directory",
                "guest_collection_activity_notification_policy", "force_encryption", "disable_verify",
                "disable_anonymous_writes", "entity_type", "force_verify", "mfa_required", "expire_time", "expires_in",
                "activated", "myproxy_server", "myproxy_dn", "oauth_server", "requester_pays", "is_globus_connect",
                "gcs_version", "globus_connect_setup_key", "host_endpoint", "host_endpoint_id",
                "host_endpoint_display_name", "host_path", "s3_url", "s3_owner_activated", "acl_available",
                "acl_editable", "in_use", "my_effective_roles", "gcp_connected", "gcp_paused", "network_use", "location",
                "max_concurrency", "preferred_concurrency", "max_parallelism", "preferred_parallelism",
                "local_user_info_available", "https_server", "tlsftp_server", "gcs_manager_url", "high_assurance",
                "authentication_timeout_mins", "authentication_policy_id", "acl_max_expiration_period_mins",
                "authentication_assurance_timeout", "auto_delete_timeout", "last_accessed_time", "non_functional",
                "non_functional_endpoint_id", "non_functional_endpoint_display_name", "mapped_collection_id",
                "mapped_collection_display_name", "shareable", "sharing_target_endpoint", "sharing_target_root_path",
                "skip_auto_delete", "restrict_transfers_to_high_assurance", "associated_flow_policy", "preserve_modtime");
        JsonNode m = http.get(X + "/endpoint/" + mapped, token).json();
        JsonNode g = http.get(X + "/endpoint/" + guest, token).json();
        JsonNode found = http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).json().path("DATA").get(0);
        for (JsonNode doc : List.of(m, g, found)) assertThat(doc.fieldNames()).toIterable().containsAll(sdkFields);
        // booleans the SDK types as boolean are never null
        for (String b : List.of("subscription_admin_verified", "french_english_bilingual", "disable_verify",
                "disable_anonymous_writes", "requester_pays", "s3_owner_activated", "acl_available", "acl_editable", "shareable")) {
            assertThat(m.path(b).isBoolean()).as(b).isTrue();
        }
        assertThat(m.path("name").asText()).isEqualTo(mapped);
        assertThat(m.path("shareable").asBoolean()).isTrue();
        assertThat(m.path("acl_available").asBoolean()).isFalse();
        assertThat(m.path("skip_auto_delete").isNull()).isTrue();
        assertThat(m.path("host_endpoint_display_name").isNull()).isTrue();
        // a guest collection names its mapped collection, and its owner may edit its access rules
        assertThat(g.path("shareable").asBoolean()).isFalse();
        assertThat(g.path("acl_available").asBoolean()).isTrue();
        assertThat(g.path("acl_editable").asBoolean()).isTrue();
        assertThat(g.path("host_endpoint_display_name").asText()).isEqualTo("Cluster");
        assertThat(g.path("mapped_collection_display_name").asText()).isEqualTo("Cluster");
        assertThat(g.path("host_endpoint").asText()).isEqualTo(m.path("canonical_name").asText());
        assertThat(g.path("sharing_target_endpoint").asText()).isEqualTo(mapped);
        assertThat(g.path("sharing_target_root_path").asText()).isEqualTo("/staging/");
        assertThat(g.path("skip_auto_delete").asBoolean(true)).isFalse();
        // someone with no role on it may not
        IdentityTokens bob = sim.createIdentity("bob@example.org");
        sim.addAccessRule(guest, "bob@example.org", "/u/", "r");
        JsonNode asBob = http.get(X + "/endpoint/" + guest, bob.accessToken()).json();
        assertThat(asBob.path("acl_editable").asBoolean(true)).isFalse();
        assertThat(asBob.path("globus_connect_setup_key").isNull()).isTrue();
    }

    @Test
    void unknownEndpointIs404EndpointNotFound() {
        SimClient.Res r = http.get(X + "/endpoint/3a42f43c-1744-40dc-9b16-753d8e1589fa", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("EndpointNotFound");
        assertThat(r.json().get("resource").asText()).isEqualTo("/v0.10/endpoint/3a42f43c-1744-40dc-9b16-753d8e1589fa");
        assertThat(r.json().get("request_id").asText()).hasSize(9);
    }

    @Test
    void scopesFollowOwnershipAndSharing() {
        IdentityTokens bob = sim.createIdentity("bob@example.org");
        sim.createEndpoint(EndpointSpec.named("Admin Own"));
        sim.createEndpoint(EndpointSpec.named("Bob Shared").owner("bob@example.org").sharedWith("admin@example.org"));
        sim.createEndpoint(EndpointSpec.named("Bob Private").owner("bob@example.org").publicEndpoint(false));

        assertThat(names(http.get(X + "/endpoint_search?filter_scope=my-endpoints", token).json())).containsExactly("Admin Own");
        assertThat(names(http.get(X + "/endpoint_search?filter_scope=shared-with-me", token).json())).containsExactly("Bob Shared");
        assertThat(names(http.get(X + "/endpoint_search?filter_scope=my-endpoints", bob.accessToken()).json()))
                .containsExactly("Bob Private", "Bob Shared");
        // 'all' needs full text and only shows what the caller may see
        SimClient.Res noText = http.get(X + "/endpoint_search?filter_scope=all", token);
        assertThat(noText.status()).isEqualTo(400);
        assertThat(names(http.get(X + "/endpoint_search?filter_scope=all&filter_fulltext=bob", token).json()))
                .containsExactly("Bob Shared");
        // a private endpoint of someone else is PermissionDenied
        String privateId = sim.createEndpoint(EndpointSpec.named("Bob Secret").owner("bob@example.org").publicEndpoint(false)).id;
        SimClient.Res denied = http.get(X + "/endpoint/" + privateId, token);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("code").asText()).isEqualTo("PermissionDenied");
        // unknown scopes are tolerated
        assertThat(http.get(X + "/endpoint_search?filter_scope=recently-used", token).status()).isEqualTo(200);
    }

    @Test
    void fulltextIsAWordPrefixAndOverManyFields() {
        sim.createEndpoint(EndpointSpec.named("Cluster Scratch").organization("Example University").description("fast disk"));
        sim.createEndpoint(EndpointSpec.named("Tape Vault").organization("Other Institute").keywords("archive,cold"));
        assertThat(names(search("univ"))).containsExactly("Cluster Scratch");
        assertThat(names(search("Example  univ!"))).containsExactly("Cluster Scratch");
        assertThat(names(search("ARCH"))).containsExactly("Tape Vault");
        assertThat(names(search("admin"))).containsExactly("Cluster Scratch", "Tape Vault"); // owner_string
        assertThat(names(search("niversity"))).isEmpty(); // prefix, not substring
        assertThat(names(search("tape university"))).isEmpty(); // terms are ANDed
    }

    @Test
    void searchPagesWithLimitOffsetAndHasNextPage() {
        for (int i = 0; i < 7; i++) sim.createEndpoint(EndpointSpec.named(String.format("Endpoint %02d", i)));
        List<String> all = new ArrayList<>();
        int offset = 0;
        int pages = 0;
        while (true) {
            JsonNode page = http.get(X + "/endpoint_search?filter_scope=my-endpoints&limit=3&offset=" + offset, token).json();
            assertThat(page.get("DATA_TYPE").asText()).isEqualTo("endpoint_list");
            assertThat(page.get("limit").asInt()).isEqualTo(3);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            all.addAll(names(page));
            pages++;
            if (!page.get("has_next_page").asBoolean()) break;
            offset += 3;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void createsAGlobusConnectPersonalEndpoint() {
        SimClient.Res r = http.postJson(X + "/endpoint", token, Map.of("DATA_TYPE", "endpoint",
                "display_name", "Registry endpoint", "is_globus_connect", true));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        assertThat(r.json().get("code").asText()).isEqualTo("Created");
        assertThat(r.json().get("globus_connect_setup_key").asText()).isNotBlank();
        String id = r.json().get("id").asText();
        JsonNode e = http.get(X + "/endpoint/" + id, token).json();
        assertThat(e.get("entity_type").asText()).isEqualTo("GCP_mapped_collection");
        assertThat(e.get("is_globus_connect").asBoolean()).isTrue();
        assertThat(e.get("gcp_connected").asBoolean()).isTrue();
        assertThat(names(http.get(X + "/endpoint_search?filter_scope=my-gcp-endpoints", token).json()))
                .containsExactly("Registry endpoint");

        SimClient.Res missingName = http.postJson(X + "/endpoint", token, Map.of("DATA_TYPE", "endpoint", "is_globus_connect", true));
        assertThat(missingName.status()).isEqualTo(400);
        SimClient.Res malformed = http.postJson(X + "/endpoint", token, "{\"display_name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).startsWith("ClientError.BadRequest");
    }

    @Test
    void controlApiCreatesAndUpdatesEndpoints() {
        SimClient.Res r = http.postJson("/sim/endpoints", Map.of("display_name", "Seeded", "organization", "Org",
                "shared_with", List.of("carol@example.org"), "entity_type", "GCP_mapped_collection", "gcp_connected", false));
        assertThat(r.status()).isEqualTo(200);
        String id = r.json().get("id").asText();
        assertThat(r.json().get("owner_string").asText()).isEqualTo("admin@example.org");
        assertThat(r.json().get("gcp_connected").asBoolean()).isFalse();
        assertThat(r.json().get("root").asText()).isNotBlank();
        SimClient.Res updated = http.postJson("/sim/endpoints", Map.of("id", id, "gcp_connected", true));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("gcp_connected").asBoolean()).isTrue();
        assertThat(updated.json().get("display_name").asText()).isEqualTo("Seeded");
        assertThat(http.postJson("/sim/endpoints", Map.of("organization", "no name")).status()).isEqualTo(400);
        assertThat(http.postJson("/sim/endpoints", "[oops").status()).isEqualTo(400);
    }

    private JsonNode search(String text) {
        return http.get(X + "/endpoint_search?filter_scope=all&filter_fulltext=" + SimClient.enc(text), token).json();
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("DATA").forEach(e -> out.add(e.get("display_name").asText()));
        return out;
    }
}
