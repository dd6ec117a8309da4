package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sregistry.globussim.store.Endpoint;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Guest collections: created through the control API or its Java twin, shown with their linkage and roles. */
class GuestCollectionTest extends SimulatorTestBase {

    @Test
    void aGuestCollectionOverAMappedFolderShowsItsLinkageAndSharesTheFiles() throws Exception {
        Path clusterRoot = Files.createDirectories(tmp.resolve("cluster"));
        String mapped = endpoint("Cluster", clusterRoot);
        Endpoint guest = sim.createGuestCollection(EndpointSpec.guest("Registry staging", mapped, "/staging/registry")
                .owner("svc@example.org"));
        assertThat(Path.of(guest.root)).isEqualTo(clusterRoot.resolve("staging/registry").toAbsolutePath());
        assertThat(Path.of(guest.root)).isDirectory();

        IdentityTokens svc = sim.createIdentity("svc@example.org");
        JsonNode doc = http.get(X + "/endpoint/" + guest.id, svc.accessToken()).json();
        assertThat(doc.path("entity_type").asText()).isEqualTo("GCSv5_guest_collection");
        assertThat(doc.path("host_endpoint_id").asText()).isEqualTo(mapped);
        assertThat(doc.path("mapped_collection_id").asText()).isEqualTo(mapped);
        assertThat(doc.path("host_path").asText()).isEqualTo("/staging/registry/");
        assertThat(doc.path("owner_id").asText()).isEqualTo(svc.id());
        assertThat(doc.path("owner_string").asText()).isEqualTo("svc@example.org");
        assertThat(doc.path("is_globus_connect").asBoolean()).isFalse();
        assertThat(doc.path("default_directory").asText()).isEqualTo("/");
        assertThat(doc.path("my_effective_roles").toString()).isEqualTo("[\"administrator\"]");

        // a folder made through the guest collection is a folder of the mapped collection
        SimClient.Res mk = http.postJson(X + "/operation/endpoint/" + guest.id + "/mkdir", svc.accessToken(),
                SimClient.map("DATA_TYPE", "mkdir", "path", "/u/"));
        assertThat(mk.status()).as(mk.body()).isEqualTo(202);
        assertThat(clusterRoot.resolve("staging/registry/u")).isDirectory();

        // mapped collections show no linkage
        JsonNode mappedDoc = http.get(X + "/endpoint/" + mapped, token).json();
        assertThat(mappedDoc.path("host_endpoint_id").isNull()).isTrue();
        assertThat(mappedDoc.path("host_path").isNull()).isTrue();
    }

    @Test
    void theControlApiCreatesGuestCollectionsOwnedByAConfidentialClientWithRoles() {
        String mapped = endpoint("Cluster", tmp.resolve("c"));
        String clientId = "0f4c7a52-2b8e-4d6e-9d84-1c9a55f3e2a1";
        SimClient.Res r = http.postJson("/sim/guest-collections", SimClient.map("display_name", "Portal guest",
                "owner", clientId + "@clients.auth.globus.org", "mapped_collection", mapped, "host_path", "/portal/",
                "roles", SimClient.map("access_manager", java.util.List.of("manager@example.org"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode d = r.json();
        assertThat(d.path("entity_type").asText()).isEqualTo("GCSv5_guest_collection");
        assertThat(d.path("owner_id").asText()).isEqualTo(clientId);
        assertThat(d.path("owner_string").asText()).isEqualTo(clientId + "@clients.auth.globus.org");
        assertThat(d.path("host_endpoint_id").asText()).isEqualTo(mapped);
        assertThat(d.path("roles").get(0).path("role").asText()).isEqualTo("access_manager");

        IdentityTokens manager = sim.createIdentity("manager@example.org");
        JsonNode asManager = http.get(X + "/endpoint/" + d.path("id").asText(), manager.accessToken()).json();
        assertThat(asManager.path("my_effective_roles").toString()).isEqualTo("[\"access_manager\"]");

        // a non-guest entity type is refused, and so is an unknown mapped collection
        assertThat(http.postJson("/sim/guest-collections", SimClient.map("display_name", "x",
                "entity_type", "GCSv5_mapped_collection")).status()).isEqualTo(400);
        assertThat(http.postJson("/sim/guest-collections", SimClient.map("display_name", "x",
                "mapped_collection", "7a1d3f10-0000-4000-8000-000000000000")).status()).isEqualTo(404);
    }

    @Test
    void guestCollectionsAndTheirLinkageSurviveARestart() {
        String mapped = endpoint("Cluster", tmp.resolve("c"));
        Endpoint guest = sim.createGuestCollection(EndpointSpec.guest("G", mapped, "/g/"));
        restart();
        JsonNode doc = http.get(X + "/endpoint/" + guest.id, sim.defaultIdentityTokens().accessToken()).json();
        assertThat(doc.path("entity_type").asText()).isEqualTo("GCSv5_guest_collection");
        assertThat(doc.path("host_path").asText()).isEqualTo("/g/");
    }

    @Test
    void searchScopesKnowGuestCollections() {
        String mapped = endpoint("Cluster", tmp.resolve("c"));
        Endpoint guest = sim.createGuestCollection(EndpointSpec.guest("Shared staging", mapped, "/s/"));
        IdentityTokens bob = sim.createIdentity("bob@example.org");
        assertThat(http.get(X + "/endpoint_search?filter_scope=shared-by-me", token).json().path("DATA").toString())
                .contains(guest.id);
        assertThat(http.get(X + "/endpoint_search?filter_scope=shared-with-me", bob.accessToken()).json()
                .path("DATA").toString()).doesNotContain(guest.id);
        sim.addAccessRule(guest.id, "bob@example.org", "/u/bob/", "r");
        assertThat(http.get(X + "/endpoint_search?filter_scope=shared-with-me", bob.accessToken()).json()
                .path("DATA").toString()).contains(guest.id);
    }
}
