package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.imports.GlobusWorld;
import org.sregistry.globus.imports.ImportHost;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.users.Role;

/**
 * Notifications for users who are not administrators, with the plugin open to them (the registry's collection is a
 * guest collection it manages): each sees and changes only their own settings, by API and by the card's form, and
 * their webhook may not point inside the registry's network, while an administrator's may.
 */
class UserNotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path shared;
    static GlobusWorld world;
    static ImportHost host;
    static RegistryClient bob;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        Endpoint guest = world.guestCollection();
        host = ImportHost.start(world, shared.resolve("registry"), 3600, GlobusWorld.onGuestCollection(guest));
        host.registry.createUser("bob", Role.USER, PASSWORD);
        bob = host.registry.as("bob", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private static HttpResponse<String> put(RegistryClient client, String json) {
        return client.send(client.request("/api/globus/notifications").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aUserKeepsTheirOwnSettingsAndTheirWebhookStaysOutsideTheNetwork() throws Exception {
        HttpResponse<String> inside = put(bob, "{\"webhook\":{\"url\":\"http://169.254.169.254/latest/meta-data/\"}}");
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(400);
        assertThat(JSON.readTree(inside.body()).path("message").asText()).isEqualTo("webhook.url: 169.254.169.254 is an"
                + " address inside the registry's network (169.254.169.254); only an administrator's webhook may"
                + " point there");
        assertThat(put(bob, "{\"webhook\":{\"url\":\"http://127.0.0.1:9/\"}}").statusCode()).isEqualTo(400);

        HttpResponse<String> saved = put(bob, "{\"email\":true,\"webhook\":{\"url\":\"https://93.184.216.34/hooks/bob\","
                + "\"events\":[\"failed\"]}}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(JSON.readTree(saved.body()).path("secret").asText()).startsWith("whsec_");
        HttpResponse<String> admins = put(host.registry.admin(), "{\"webhook\":{\"url\":\"http://127.0.0.1:9/hook\"}}");
        assertThat(admins.statusCode()).as(admins.body()).isEqualTo(200);

        JsonNode mine = JSON.readTree(bob.get("/api/globus/notifications").body());
        assertThat(mine.path("user").asText()).isEqualTo("bob");
        assertThat(mine.path("email").asBoolean()).isTrue();
        assertThat(mine.path("webhook").path("url").asText()).isEqualTo("https://93.184.216.34/hooks/bob");
        assertThat(mine.path("webhook").path("events").toString()).isEqualTo("[\"failed\"]");
        JsonNode theirs = JSON.readTree(host.registry.admin().get("/api/globus/notifications").body());
        assertThat(theirs.path("user").asText()).isEqualTo("admin");
        assertThat(theirs.path("webhook").path("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
    }

    @Test
    void theCardsFormIsOpenToUsersWithTheCsrfToken() throws Exception {
        RegistryClient browser = host.registry.browserAs("bob", PASSWORD);
        HttpResponse<String> saved = browser.form("/globus/notifications", Map.of("email", "on"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        HttpResponse<String> forged = browser.formWithoutCsrf("/globus/notifications", Map.of("email", "on"));
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
