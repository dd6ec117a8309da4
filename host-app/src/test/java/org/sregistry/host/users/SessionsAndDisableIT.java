package org.sregistry.host.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;

/**
 * Sessions are stored, so a restart keeps people signed in; disabling a user ends, within one
 * request, their sessions, their API tokens and a live {@code /v2/} token made from their password;
 * enabling them brings the API tokens back (scripts keep working), not the sessions.
 */
class SessionsAndDisableIT {
    private static final String PASSWORD = "alice-long-password";

    @Test
    void aSessionSurvivesARestartAndDisableEndsEverythingAtOnce() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().config("REGISTRY_ANY_FILE_COLLECTIONS", "*")
                .start()) {
            registry.createUser("alice", Role.USER, PASSWORD);
            RegistryClient browser = registry.browserAs("alice", PASSWORD);
            assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
            String token = registry.server().apiTokens().create(registry.server().users().byName("alice").orElseThrow().id(),
                    "laptop");
            RegistryClient script = registry.withToken(token);
            assertThat(script.send(script.request("/api/containers/alice/tool:1")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(201);

            registry.stop();
            registry.start();
            browser = browser.at(registry.server().baseUri()); // same cookies; the restarted server's port
            script = registry.withToken(token);
            assertThat(browser.get("/profile").statusCode()).as("still signed in after a restart").isEqualTo(200);
            assertThat(browser.get("/profile").body()).contains("laptop");

            String v2 = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(registry.as("alice", PASSWORD).get("/v2/token?service=x&scope=repository:alice/tool:pull")
                            .body()).get("token").asText();
            RegistryClient bearer = registry.withToken(v2);
            assertThat(bearer.get("/v2/alice/tool/manifests/1").statusCode()).isEqualTo(200);

            HttpResponse<String> disabled = registry.admin().send(registry.admin().request("/api/users/alice")
                    .header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")));
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            assertThat(disabled.body()).contains("\"enabled\":false");

            assertThat(browser.get("/profile").statusCode()).as("the session ended").isEqualTo(302);
            assertThat(script.get("/api/containers").statusCode()).as("the API token is refused").isEqualTo(401);
            assertThat(bearer.get("/v2/alice/tool/manifests/1").statusCode()).as("the live /v2/ token died").isEqualTo(401);
            assertThat(registry.as("alice", PASSWORD).get("/api/containers").statusCode()).isEqualTo(401);

            registry.admin().send(registry.admin().request("/api/users/alice").header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")));
            assertThat(script.get("/api/containers").statusCode()).as("scripts work again").isEqualTo(200);
            assertThat(browser.get("/profile").statusCode()).as("sessions do not come back").isEqualTo(302);
            String audit = registry.admin().get("/api/audit?action=user.").body();
            assertThat(audit).contains("\"action\":\"user.disable\"", "\"action\":\"user.enable\"",
                    "\"target\":\"alice\"", "\"actor\":\"admin\"");
        }
    }

    @Test
    void theUsersApiRefusesWhatWouldLockTheRegistryOrLoseOwners() throws Exception {
        try (RegistryExtension registry = RegistryExtension.builder().config("REGISTRY_ANY_FILE_COLLECTIONS", "*")
                .start()) {
            RegistryClient admin = registry.admin();
            HttpResponse<String> created = admin.postJson("/api/users",
                    "{\"username\":\"bob\",\"role\":\"user\",\"password\":\"bob-long-password\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain("pbkdf2").contains("\"hasPassword\":true");
            assertThat(admin.postJson("/api/users", "{\"username\":\"bob\",\"role\":\"user\"}").statusCode()).isEqualTo(409);
            HttpResponse<String> badName = admin.postJson("/api/users", "{\"username\":\"Bob <x>\",\"role\":\"user\"}");
            assertThat(badName.statusCode()).isEqualTo(400);
            assertThat(badName.body()).contains("user name");
            assertThat(admin.postJson("/api/users", "{\"username\":\"carl\",\"role\":\"root\"}").body())
                    .contains("role must be admin or user");
            assertThat(admin.postJson("/api/users", "{\"username\":\"dan\",\"password\":\"short\"}").body())
                    .contains("at least 12 characters");

            HttpResponse<String> lastAdmin = admin.send(admin.request("/api/users/admin").header("Content-Type",
                    "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"role\":\"user\"}")));
            assertThat(lastAdmin.statusCode()).isEqualTo(409);
            assertThat(lastAdmin.body()).contains("last enabled administrator");

            RegistryClient bob = registry.as("bob", "bob-long-password");
            assertThat(bob.send(bob.request("/api/containers/bobs/tool:1")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(201);
            HttpResponse<String> owner = admin.send(admin.request("/api/users/bob").DELETE());
            assertThat(owner.statusCode()).isEqualTo(409);
            assertThat(owner.body()).contains("owns the collection(s) bobs");
            assertThat(admin.get("/api/users/nobody").statusCode()).isEqualTo(404);
            assertThat(bob.get("/api/users").statusCode()).isEqualTo(403);
            assertThat(admin.get("/api/audit?action=user.create").body()).contains("\"target\":\"bob\"")
                    .doesNotContain("bob-long-password");
        }
    }
}
