package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sregistry.globussim.store.AccessRule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code endpoint/{id}/access_list} and {@code endpoint/{id}/access[/{rule_id}]}: documents, results and errors. */
class AccessRuleApiTest extends SimulatorTestBase {
    String guest;
    String mapped;
    IdentityTokens bob;

    @BeforeEach
    void guestCollection() {
        mapped = endpoint("Cluster", tmp.resolve("cluster"));
        guest = sim.createGuestCollection(EndpointSpec.guest("Staging", mapped, "/staging/")).id;
        bob = sim.createIdentity("bob@example.org");
    }

    static Map<String, Object> rule(String principal, String path, String permissions) {
        return SimClient.map("DATA_TYPE", "access", "principal_type", "identity", "principal", principal,
                "path", path, "permissions", permissions);
    }

    SimClient.Res create(String tok, Map<String, Object> doc) {
        return http.postJson(X + "/endpoint/" + guest + "/access", tok, doc);
    }

    @Test
    void createGetListUpdateDelete() {
        SimClient.Res c = create(token, rule(bob.id(), "/u/bob/", "r"));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        assertThat(c.json().path("DATA_TYPE").asText()).isEqualTo("access_create_result");
        assertThat(c.json().path("code").asText()).isEqualTo("Created");
        assertThat(c.json().path("message").asText()).isEqualTo("Access rule created successfully.");
        assertThat(c.json().path("request_id").asText()).isNotBlank();
        assertThat(c.json().path("resource").asText()).isEqualTo("/v0.10/endpoint/" + guest + "/access");
        String id = c.json().path("access_id").asText();

        JsonNode doc = http.get(X + "/endpoint/" + guest + "/access/" + id, token).json();
        assertThat(doc.path("DATA_TYPE").asText()).isEqualTo("access");
        assertThat(doc.path("id").asText()).isEqualTo(id);
        assertThat(doc.path("principal_type").asText()).isEqualTo("identity");
        assertThat(doc.path("principal").asText()).isEqualTo(bob.id());
        assertThat(doc.path("path").asText()).isEqualTo("/u/bob/");
        assertThat(doc.path("permissions").asText()).isEqualTo("r");
        assertThat(doc.path("create_time").asText()).isNotBlank();
        assertThat(doc.path("expiration_date").isNull()).isTrue();
        assertThat(doc.path("role_id").isNull()).isTrue();

        JsonNode list = http.get(X + "/endpoint/" + guest + "/access_list", token).json();
        assertThat(list.path("DATA_TYPE").asText()).isEqualTo("access_list");
        assertThat(list.path("endpoint").asText()).isEqualTo(guest);
        assertThat(list.path("length").asInt()).isEqualTo(2);
        JsonNode owner = list.path("DATA").get(0);
        assertThat(owner.path("id").isNull()).isTrue();
        assertThat(owner.path("role_type").asText()).isEqualTo("administrator");
        assertThat(owner.path("role_id").asText()).isNotBlank();
        assertThat(owner.path("principal").asText()).isEqualTo(sim.defaultIdentityId());
        assertThat(owner.path("path").asText()).isEqualTo("/");
        assertThat(owner.path("permissions").asText()).isEqualTo("rw");
        assertThat(list.path("DATA").get(1).path("id").asText()).isEqualTo(id);
        // the endpoint_manager list answers the same
        assertThat(http.get(X + "/endpoint_manager/endpoint/" + guest + "/access_list", token).json()
                .path("length").asInt()).isEqualTo(2);

        SimClient.Res u = http.putJson(X + "/endpoint/" + guest + "/access/" + id, token,
                SimClient.map("DATA_TYPE", "access", "permissions", "rw"));
        assertThat(u.status()).as(u.body()).isEqualTo(200);
        assertThat(u.json().path("DATA_TYPE").asText()).isEqualTo("result");
        assertThat(u.json().path("code").asText()).isEqualTo("Updated");
        assertThat(http.get(X + "/endpoint/" + guest + "/access/" + id, token).json().path("permissions").asText()).isEqualTo("rw");

        SimClient.Res d = http.delete(X + "/endpoint/" + guest + "/access/" + id, token);
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        assertThat(d.json().path("DATA_TYPE").asText()).isEqualTo("result");
        assertThat(d.json().path("code").asText()).isEqualTo("Deleted");

        SimClient.Res gone = http.get(X + "/endpoint/" + guest + "/access/" + id, token);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("code").asText()).isEqualTo("AccessRuleNotFound");
        assertThat(http.delete(X + "/endpoint/" + guest + "/access/" + id, token).json().path("code").asText())
                .isEqualTo("AccessRuleNotFound");
        assertThat(http.get(X + "/endpoint/" + guest + "/access_list", token).json().path("length").asInt()).isEqualTo(1);
    }

    @Test
    void pathsAreNormalizedWithLeadingAndTrailingSlashes() {
        Map<String, String> cases = Map.of("u/a", "/u/a/", "/u/b", "/u/b/", "//u//c//", "/u/c/", "/~/u/d/", "/u/d/",
                "/", "/", "/./u/e/.", "/u/e/");
        for (var e : cases.entrySet()) {
            SimClient.Res c = create(token, rule(bob.id(), e.getKey(), "r"));
            assertThat(c.status()).as(e.getKey() + ": " + c.body()).isEqualTo(201);
            String id = c.json().path("access_id").asText();
            assertThat(http.get(X + "/endpoint/" + guest + "/access/" + id, token).json().path("path").asText())
                    .as(e.getKey()).isEqualTo(e.getValue());
        }
        SimClient.Res up = create(token, rule(bob.id(), "/u/../etc/", "r"));
        assertThat(up.status()).isEqualTo(400);
        assertThat(up.json().path("code").asText()).isEqualTo("ClientError.BadRequest");
    }

    @Test
    void anIdenticalRuleIsExists() {
        String first = create(token, rule(bob.id(), "/u/bob/", "r")).json().path("access_id").asText();
        SimClient.Res again = create(token, rule(bob.id(), "/u/bob", "rw")); // same principal and path, written differently
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("Exists");
        assertThat(again.json().path("request_id").asText()).isNotBlank();
        assertThat(again.json().path("access_id").asText()).isEqualTo(first);
        assertThat(sim.accessRules(guest)).hasSize(1);
        // another path, or another principal, is a new rule
        assertThat(create(token, rule(bob.id(), "/u/bob/sub/", "rw")).status()).isEqualTo(201);
        assertThat(create(token, SimClient.map("DATA_TYPE", "access", "principal_type", "all_authenticated_users",
                "principal", "", "path", "/u/bob/", "permissions", "r")).status()).isEqualTo(201);
    }

    @Test
    void onlyAdministratorsAndAccessManagersManageRules() {
        IdentityTokens manager = sim.createIdentity("manager@example.org");
        IdentityTokens restricted = sim.createIdentity("restricted@example.org");
        sim.createGuestCollection(EndpointSpec.named(null).id(guest).role("access_manager", "manager@example.org")
                .role("restricted_administrator", "restricted@example.org"));

        for (SimClient.Res r : List.of(create(bob.accessToken(), rule(bob.id(), "/u/bob/", "rw")),
                http.get(X + "/endpoint/" + guest + "/access_list", bob.accessToken()))) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.json().path("code").asText()).isEqualTo("PermissionDenied");
        }
        assertThat(sim.accessRules(guest)).isEmpty();

        SimClient.Res byManager = create(manager.accessToken(), rule(bob.id(), "/u/bob/", "rw"));
        assertThat(byManager.status()).as(byManager.body()).isEqualTo(201);
        String id = byManager.json().path("access_id").asText();
        // the access manager's implicit rw on / is listed as a role entry
        JsonNode list = http.get(X + "/endpoint/" + guest + "/access_list", manager.accessToken()).json();
        assertThat(list.path("DATA").toString()).contains("\"role_type\":\"access_manager\"");

        // a restricted administrator may view and delete, not create or change
        assertThat(create(restricted.accessToken(), rule(bob.id(), "/x/", "r")).json().path("code").asText()).isEqualTo("PermissionDenied");
        assertThat(http.putJson(X + "/endpoint/" + guest + "/access/" + id, restricted.accessToken(),
                SimClient.map("permissions", "r")).status()).isEqualTo(403);
        assertThat(http.get(X + "/endpoint/" + guest + "/access/" + id, restricted.accessToken()).status()).isEqualTo(200);
        assertThat(http.delete(X + "/endpoint/" + guest + "/access/" + id, bob.accessToken()).status()).isEqualTo(403);
        assertThat(http.delete(X + "/endpoint/" + guest + "/access/" + id, restricted.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void badDocumentsAreBadRequests() {
        List<Map<String, Object>> bad = List.of(
                rule(bob.id(), "/u/", "w"),
                rule(bob.id(), "/u/", null),
                rule("bob@example.org", "/u/", "r"),
                rule(bob.id(), null, "r"),
                SimClient.map("principal_type", "robot", "principal", bob.id(), "path", "/", "permissions", "r"),
                SimClient.map("principal_type", "all_authenticated_users", "principal", bob.id(), "path", "/", "permissions", "r"),
                SimClient.map("principal_type", "anonymous", "principal", "", "path", "/", "permissions", "rw"),
                SimClient.map("DATA_TYPE", "endpoint", "principal_type", "identity", "principal", bob.id(), "path", "/", "permissions", "r"),
                SimClient.map("principal_type", "identity", "principal", bob.id(), "path", "/", "permissions", "r",
                        "notify_message", "hello"),
                SimClient.map("principal_type", "identity", "principal", bob.id(), "path", "/", "permissions", "r",
                        "expiration_date", "2001-01-01T00:00:00+00:00"));
        for (Map<String, Object> doc : bad) {
            SimClient.Res r = create(token, doc);
            assertThat(r.status()).as(doc + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().path("code").asText()).startsWith("ClientError.BadRequest");
        }
        // a rule's principal and path are fixed once created
        String id = create(token, rule(bob.id(), "/u/", "r")).json().path("access_id").asText();
        assertThat(http.putJson(X + "/endpoint/" + guest + "/access/" + id, token, SimClient.map("path", "/other/")).status())
                .isEqualTo(400);
        assertThat(http.putJson(X + "/endpoint/" + guest + "/access/" + id, token, SimClient.map("path", "/u", "permissions", "rw"))
                .status()).isEqualTo(200);
    }

    @Test
    void mappedCollectionsTakeNoRulesAndUnknownEndpointsAre404() {
        SimClient.Res r = http.postJson(X + "/endpoint/" + mapped + "/access", token, rule(bob.id(), "/", "r"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("code").asText()).isEqualTo("ClientError.BadRequest.NotSupported");
        SimClient.Res missing = http.get(X + "/endpoint/5e1b2c3d-0000-4000-8000-000000000000/access_list", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("EndpointNotFound");
    }

    @Test
    void expirationDatesAreKeptAndExpiredRulesGo() throws Exception {
        String soon = Instant.now().plusMillis(1500).toString();
        SimClient.Res c = create(token, SimClient.map("principal_type", "identity", "principal", bob.id(),
                "path", "/u/", "permissions", "r", "expiration_date", soon));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String id = c.json().path("access_id").asText();
        assertThat(http.get(X + "/endpoint/" + guest + "/access/" + id, token).json().path("expiration_date").asText())
                .isNotBlank();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> http.get(X + "/endpoint/" + guest + "/access/" + id, token).status() == 404);
        assertThat(sim.accessRules(guest)).isEmpty();
    }

    @Test
    void rulesArePersistedAcrossARestart() {
        String id = create(token, rule(bob.id(), "/u/bob/", "rw")).json().path("access_id").asText();
        restart();
        List<AccessRule> rules = sim.accessRules(guest);
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).id).isEqualTo(id);
        assertThat(rules.get(0).path).isEqualTo("/u/bob/");
        assertThat(rules.get(0).permissions).isEqualTo("rw");
        assertThat(rules.get(0).createdBy).isEqualTo(sim.defaultIdentityId());
    }

    @Test
    void theControlApiListsAddsAndRemovesRules() {
        SimClient.Res add = http.postJson("/sim/endpoints/" + guest + "/access",
                SimClient.map("principal", "bob@example.org", "path", "u/bob", "permissions", "rw"));
        assertThat(add.status()).as(add.body()).isEqualTo(200);
        assertThat(add.json().path("principal").asText()).isEqualTo(bob.id());
        assertThat(add.json().path("path").asText()).isEqualTo("/u/bob/");
        String id = add.json().path("id").asText();
        JsonNode list = http.get("/sim/endpoints/" + guest + "/access").json();
        assertThat(list.path("access_rules").get(0).path("id").asText()).isEqualTo(id);
        assertThat(list.path("access_rules").get(0).path("created_by").asText()).isEqualTo(sim.defaultIdentityId());
        assertThat(http.postJson("/sim/endpoints/" + guest + "/access",
                SimClient.map("principal", "bob@example.org", "path", "/u/bob/", "permissions", "r")).json()
                .path("error").asText()).isEqualTo("Exists");
        assertThat(http.delete("/sim/endpoints/" + guest + "/access/" + id).status()).isEqualTo(200);
        assertThat(http.delete("/sim/endpoints/" + guest + "/access/" + id).status()).isEqualTo(404);
        assertThat(sim.accessRules(guest)).isEmpty();

        // and the Java twins
        AccessRule r = sim.addAccessRule(guest, "bob@example.org", "/u/bob/", "r");
        assertThat(sim.accessRules(guest)).extracting(x -> x.id).containsExactly(r.id);
        assertThat(sim.removeAccessRule(guest, r.id)).isTrue();
        assertThat(sim.removeAccessRule(guest, r.id)).isFalse();
    }
}
