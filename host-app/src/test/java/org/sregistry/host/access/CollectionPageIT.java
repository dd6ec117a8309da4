package org.sregistry.host.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.host.users.Role;

/** An owner manages members and visibility on {@code /collections/{name}}; others see it read-only or not at all. */
class CollectionPageIT {
    private static final String PASSWORD = "a-long-test-password";

    @RegisterExtension
    static RegistryExtension registry = RegistryExtension.builder().config("REGISTRY_ANY_FILE_COLLECTIONS", "*").build();

    @Test
    void theOwnerAddsAMemberAndMakesItPublic() {
        registry.createUser("owen", Role.USER, PASSWORD);
        registry.createUser("mia", Role.USER, PASSWORD);
        registry.createUser("ned", Role.USER, PASSWORD);
        assertThat(PermissionMatrixIT.push(registry.as("owen", PASSWORD), "owens/tool:1").statusCode()).isEqualTo(201);
        RegistryClient owen = registry.browserAs("owen", PASSWORD);
        assertThat(owen.get("/profile").body()).contains("href=\"/collections/owens\"");
        assertThat(owen.get("/collections/owens").body()).contains("user <strong>owen</strong>", "No members");

        HttpResponse<String> added = owen.form("/collections/owens/members",
                Map.of("kind", "user", "who", "mia", "permission", "push"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("User mia may now push.", "user mia");
        HttpResponse<String> unknown = owen.form("/collections/owens/members",
                Map.of("kind", "user", "who", "<script>x</script>", "permission", "pull"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no user named &lt;script&gt;").doesNotContain("<script>x");

        RegistryClient ned = registry.browserAs("ned", PASSWORD);
        assertThat(ned.get("/collections/owens").statusCode()).as("private: as if missing").isEqualTo(404);
        assertThat(owen.form("/collections/owens/visibility", Map.of("visibility", "public")).body())
                .contains("Visibility is now public.");
        String seen = ned.get("/collections/owens").body();
        assertThat(seen).contains("<td id=\"visibility\">public</td>").doesNotContain("action=\"/collections/owens/members\"");
        assertThat(ned.form("/collections/owens/visibility", Map.of("visibility", "private")).statusCode()).isEqualTo(403);

        assertThat(owen.form("/collections/owens/visibility", Map.of()).statusCode()).isEqualTo(400);
        assertThat(owen.form("/collections/owens/members/remove", Map.of("kind", "user", "who", "nobody")).body())
                .contains("user nobody is not a member");
        assertThat(owen.form("/collections/owens/members", Map.of("kind", "alien", "who", "ned", "permission", "pull"))
                .statusCode()).isEqualTo(400);
        assertThat(owen.form("/collections/owens/members", Map.of("kind", "user", "who", "owen", "permission", "pull"))
                .body()).contains("owen owns the collection and may do everything already");

        RegistryClient mia = registry.browserAs("mia", PASSWORD);
        assertThat(mia.get("/collections/owens").body()).contains("<td>push</td>");
        assertThat(owen.form("/collections/owens/members/remove", Map.of("kind", "user", "who", "mia")).body())
                .contains("User mia is no longer a member.");
        assertThat(registry.admin().get("/api/audit?action=collection.update").body()).contains("\"actor\":\"owen\"");
    }

    @Test
    void theEmptyHomePageSuggestsACollectionTheUserMayCreate() throws Exception {
        try (RegistryExtension fresh = RegistryExtension.builder().start()) {
            fresh.createUser("quinn@uni.example", Role.USER, PASSWORD);
            String home = fresh.browserAs("quinn@uni.example", PASSWORD).get("/").body();
            assertThat(home).contains("empty-state", "--name quinn/lolcow:latest", "href=\"/profile#tokens\"")
                    .doesNotContain("/settings#tokens");
            assertThat(fresh.browser().get("/").body()).contains("--name library/lolcow:latest");
        }
    }

    @Test
    void aUserEditsTheirOwnNameAndEmailButNothingElse() {
        registry.createUser("pia", Role.USER, PASSWORD);
        RegistryClient pia = registry.browserAs("pia", PASSWORD);
        HttpResponse<String> saved = pia.form("/profile/details", Map.of("display_name", "Pia <Park>",
                "email", "pia@example.org", "role", "admin"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.", "Pia &lt;Park&gt;", "pia@example.org");
        assertThat(registry.server().users().byName("pia").orElseThrow().admin()).isFalse();
        assertThat(pia.form("/profile/details", Map.of("display_name", "x", "email", "not an address")).statusCode())
                .isEqualTo(400);
        assertThat(pia.form("/profile/details", Map.of("display_name", "y".repeat(201), "email", "")).body())
                .contains("at most 200 characters");

    }
}
