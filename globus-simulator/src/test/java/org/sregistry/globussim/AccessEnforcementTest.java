package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sregistry.globussim.store.AccessRule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a guest collection, a second identity may ls / stat / read only where an {@code r} rule covers the path and
 * mkdir / write only where an {@code rw} rule does; rules add up; a removed rule stops applying.
 */
class AccessEnforcementTest extends SimulatorTestBase {
    Path stagingRoot;
    String guest;
    IdentityTokens bob;
    String bobsOwn;
    Path bobsRoot;

    @BeforeEach
    void setUp() throws Exception {
        Path cluster = Files.createDirectories(tmp.resolve("cluster"));
        String mapped = endpoint("Cluster", cluster);
        guest = sim.createGuestCollection(EndpointSpec.guest("Registry staging", mapped, "/staging/")).id;
        stagingRoot = cluster.resolve("staging");
        Files.createDirectories(stagingRoot.resolve("u/bob"));
        Files.createDirectories(stagingRoot.resolve("u/alice"));
        Files.createDirectories(stagingRoot.resolve("pub"));
        Files.writeString(stagingRoot.resolve("u/bob/in.sif"), "bob's image");
        Files.writeString(stagingRoot.resolve("u/alice/secret.sif"), "alice's image");
        Files.writeString(stagingRoot.resolve("pub/readme.txt"), "public");
        bob = sim.createIdentity("bob@example.org");
        bobsRoot = Files.createDirectories(tmp.resolve("bobs-laptop"));
        Files.writeString(bobsRoot.resolve("up.sif"), "uploaded");
        bobsOwn = sim.createEndpoint(EndpointSpec.named("Bob's laptop").owner("bob@example.org").root(bobsRoot)).id;
    }

    SimClient.Res ls(String path) {
        return http.get(X + "/operation/endpoint/" + guest + "/ls?path=" + SimClient.enc(path), bob.accessToken());
    }

    SimClient.Res mkdir(String path) {
        return http.postJson(X + "/operation/endpoint/" + guest + "/mkdir", bob.accessToken(),
                SimClient.map("DATA_TYPE", "mkdir", "path", path));
    }

    static void assertDenied(SimClient.Res r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("code").asText()).isEqualTo("PermissionDenied");
    }

    @Test
    void withoutARuleASecondIdentityMayNotListOrMkdirButTheOwnerMay() {
        assertDenied(ls("/"));
        assertDenied(ls("/u/bob/"));
        assertDenied(mkdir("/u/bob/new/"));
        assertDenied(http.get(X + "/operation/endpoint/" + guest + "/stat?path=/u/bob/in.sif", bob.accessToken()));
        assertThat(http.get(X + "/operation/endpoint/" + guest + "/ls?path=/u/alice/", token).status()).isEqualTo(200);
        assertThat(http.postJson(X + "/operation/endpoint/" + guest + "/mkdir", token,
                SimClient.map("DATA_TYPE", "mkdir", "path", "/u/carol/")).status()).isEqualTo(202);
    }

    @Test
    void readRulesAllowListingUnderTheirPathOnly() {
        sim.addAccessRule(guest, bob.id(), "/u/bob/", "r");
        SimClient.Res mine = ls("/u/bob/");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().path("DATA").get(0).path("name").asText()).isEqualTo("in.sif");
        assertThat(ls("/u/bob").status()).isEqualTo(200); // without the trailing slash too
        assertThat(http.get(X + "/operation/endpoint/" + guest + "/stat?path=/u/bob/in.sif", bob.accessToken()).status())
                .isEqualTo(200);
        assertDenied(ls("/"));
        assertDenied(ls("/u/"));
        assertDenied(ls("/u/alice/"));
        assertDenied(ls("/u/bobby/")); // a sibling sharing the prefix is not under the rule
        assertDenied(mkdir("/u/bob/new/")); // r does not allow mkdir
    }

    @Test
    void readWriteRulesAllowMkdirAndRulesAddUp() {
        AccessRule rw = sim.addAccessRule(guest, bob.id(), "/u/bob/", "rw");
        assertThat(mkdir("/u/bob/new/").status()).isEqualTo(202);
        assertThat(stagingRoot.resolve("u/bob/new")).isDirectory();
        assertDenied(mkdir("/u/alice/new/"));
        assertDenied(ls("/pub/"));
        SimClient.Res everyone = http.postJson("/sim/endpoints/" + guest + "/access",
                SimClient.map("principal_type", "all_authenticated_users", "path", "/pub/", "permissions", "r"));
        assertThat(everyone.status()).as(everyone.body()).isEqualTo(200);
        assertThat(ls("/pub/").status()).isEqualTo(200);
        assertThat(ls("/u/bob/").status()).isEqualTo(200);
        assertDenied(mkdir("/pub/x/"));

        // removing a rule takes effect for the next operation
        sim.removeAccessRule(guest, rw.id);
        assertDenied(ls("/u/bob/"));
        assertDenied(mkdir("/u/bob/other/"));
        assertThat(ls("/pub/").status()).isEqualTo(200);
    }

    @Test
    void aNonPublicGuestCollectionIsVisibleToThoseARuleNames() {
        sim.createGuestCollection(EndpointSpec.named(null).id(guest).publicEndpoint(false));
        SimClient.Res hidden = http.get(X + "/endpoint/" + guest, bob.accessToken());
        assertThat(hidden.status()).isEqualTo(403);
        sim.addAccessRule(guest, bob.id(), "/u/bob/", "r");
        assertThat(http.get(X + "/endpoint/" + guest, bob.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void transfersNeedReadOnTheSourceAndReadWriteOnTheDestination() throws Exception {
        // reading from the guest collection without a rule: accepted, then FAILED with PERMISSION_DENIED
        String denied = submitAs(bob.accessToken(), guest, bobsOwn,
                List.of(item("/u/bob/in.sif", "/~/in.sif", false))).path("task_id").asText();
        JsonNode failed = awaitStatusAs(bob.accessToken(), denied, "FAILED");
        assertThat(failed.path("fatal_error").path("code").asText()).isEqualTo("PERMISSION_DENIED");
        JsonNode events = http.get(X + "/task/" + denied + "/event_list?filter=is_error:1", bob.accessToken()).json();
        assertThat(events.path("DATA").get(0).path("code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(events.path("DATA").get(0).path("is_error").asBoolean()).isTrue();
        assertThat(bobsRoot.resolve("in.sif")).doesNotExist();

        AccessRule r = sim.addAccessRule(guest, bob.id(), "/u/bob/", "r");
        String read = submitAs(bob.accessToken(), guest, bobsOwn,
                List.of(item("/u/bob/in.sif", "/~/in.sif", false))).path("task_id").asText();
        awaitStatusAs(bob.accessToken(), read, "SUCCEEDED");
        assertThat(Files.readString(bobsRoot.resolve("in.sif"))).isEqualTo("bob's image");

        // writing needs rw: with r only the task fails and nothing arrives
        String write = submitAs(bob.accessToken(), bobsOwn, guest,
                List.of(item("/~/up.sif", "/u/bob/up.sif", false))).path("task_id").asText();
        assertThat(awaitStatusAs(bob.accessToken(), write, "FAILED").path("fatal_error").path("code").asText())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(stagingRoot.resolve("u/bob/up.sif")).doesNotExist();

        http.putJson(X + "/endpoint/" + guest + "/access/" + r.id, token, SimClient.map("permissions", "rw"));
        String write2 = submitAs(bob.accessToken(), bobsOwn, guest,
                List.of(item("/~/up.sif", "/u/bob/up.sif", false))).path("task_id").asText();
        awaitStatusAs(bob.accessToken(), write2, "SUCCEEDED");
        assertThat(Files.readString(stagingRoot.resolve("u/bob/up.sif"))).isEqualTo("uploaded");

        // not outside the rule's path, even in the same task
        String mixed = submitAs(bob.accessToken(), guest, bobsOwn, List.of(item("/u/bob/in.sif", "/~/a.sif", false),
                item("/u/alice/secret.sif", "/~/b.sif", false))).path("task_id").asText();
        assertThat(awaitStatusAs(bob.accessToken(), mixed, "FAILED").path("fatal_error").path("code").asText())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(bobsRoot.resolve("b.sif")).doesNotExist();

        // a removed rule stops later transfers
        sim.removeAccessRule(guest, r.id);
        String after = submitAs(bob.accessToken(), guest, bobsOwn,
                List.of(item("/u/bob/in.sif", "/~/again.sif", false))).path("task_id").asText();
        assertThat(awaitStatusAs(bob.accessToken(), after, "FAILED").path("fatal_error").path("code").asText())
                .isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void recursiveTransfersIntoARuleFolderWork() throws Exception {
        sim.addAccessRule(guest, bob.id(), "/u/bob/", "rw");
        Files.createDirectories(bobsRoot.resolve("dir"));
        Files.writeString(bobsRoot.resolve("dir/a.sif"), "a");
        String id = submitAs(bob.accessToken(), bobsOwn, guest, List.of(item("/~/dir/", "/u/bob/dir/", true)))
                .path("task_id").asText();
        awaitStatusAs(bob.accessToken(), id, "SUCCEEDED");
        assertThat(stagingRoot.resolve("u/bob/dir/a.sif")).hasContent("a");
    }
}
