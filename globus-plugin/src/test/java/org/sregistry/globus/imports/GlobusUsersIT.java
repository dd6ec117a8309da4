package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.users.Role;

/**
 * Globus for every user, in the real host with the built plugin and the simulator: the registry's endpoint is a
 * guest collection over its staging folder, owned by the registry's (service) identity. Alice and Bob each connect
 * their own Globus identity; Alice's Bring runs as her (the simulator's record of who submitted), with an access
 * rule for her on the transfer's own folder while it runs and none after; Bob sees neither her transfer nor her
 * private collection; a Send gives read access only; a revoked login troubles only its owner.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlobusUsersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path shared;
    static GlobusWorld world;
    static ImportHost host;
    static Endpoint guest;
    static Endpoint aliceCluster;
    static Endpoint bobCluster;
    static IdentityTokens aliceId;
    static IdentityTokens bobId;
    static RegistryClient alice;
    static RegistryClient bob;
    static String aliceTask;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        aliceId = world.sim.createIdentity("alice@sim");
        bobId = world.sim.createIdentity("bob@sim");
        // the registry's collection: a guest collection whose root is the staging folder, owned by the service identity
        guest = world.guestCollection();
        aliceCluster = world.sim.createEndpoint(EndpointSpec.named("Alice's cluster").owner("alice@sim")
                .root(Files.createDirectories(shared.resolve("alice-cluster"))));
        bobCluster = world.sim.createEndpoint(EndpointSpec.named("Bob's cluster").owner("bob@sim")
                .root(Files.createDirectories(shared.resolve("bob-cluster"))));
        host = ImportHost.start(world, shared.resolve("registry"), 3600, GlobusWorld.onGuestCollection(guest));
        host.registry.createUser("alice", Role.USER, PASSWORD);
        host.registry.createUser("bob", Role.USER, PASSWORD);
        alice = host.registry.as("alice", PASSWORD);
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

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /** Connects {@code client}'s own Globus identity through the JSON login, approving as {@code identity}. */
    private static JsonNode connect(RegistryClient client, String identity) throws Exception {
        JsonNode started = json(client.postJson("/api/globus/login", "{}"), 200);
        String query = URI.create(started.path("authorize_url").asText()).getRawQuery();
        String code = world.sim.approveAs(query, identity);
        return json(client.postJson(started.path("finish").asText(), "{\"code\":\"" + code + "\"}"), 200);
    }

    /** Waits until the simulator finished the task (the service identity may not read a user's task). */
    private static void awaitFinished(String taskId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> List.of("SUCCEEDED", "FAILED").contains(world.sim.task(taskId).status()));
    }

    private static TransferRecord settled(String key) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return host.ledger.get(key).orElseThrow();
        }, r -> !r.active() && r.items().stream().allMatch(TransferItem::settled) && r.done());
    }

    @Test
    @Order(1)
    void usersMayOpenGlobusOnlyOnceTheyAreTheirOwnIdentity() throws Exception {
        JsonNode me = json(alice.get("/api/globus/me"), 200);
        assertThat(me.path("own").asBoolean()).isTrue();
        assertThat(me.path("connection").path("state").asText()).isEqualTo("no_tokens");
        String page = alice.get("/globus").body();
        assertThat(page).contains("You have not connected your Globus identity yet").doesNotContain("globus-service")
                .as("the server's folders are for administrators").doesNotContain("globus-registry-endpoint")
                .doesNotContain(world.staging.localDir().toString());
        assertThat(alice.get("/api/globus/connections").statusCode()).isEqualTo(403);
        assertThat(host.registry.admin().get("/globus").body()).contains("id=\"globus-service\"",
                "The registry manages access to its collection as");

        assertThat(connect(alice, "alice@sim").path("identity").asText()).isEqualTo("alice@sim");
        assertThat(connect(bob, "bob@sim").path("identity").asText()).isEqualTo("bob@sim");
        assertThat(json(alice.get("/api/globus/me"), 200).path("connection").path("identity").path("id").asText())
                .isEqualTo(aliceId.id());

        // one identity serves one account
        JsonNode started = json(bob.postJson("/api/globus/login", "{}"), 200);
        String code = world.sim.approveAs(URI.create(started.path("authorize_url").asText()).getRawQuery(),
                "alice@sim");
        HttpResponse<String> taken = bob.postJson(started.path("finish").asText(), "{\"code\":\"" + code + "\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(taken.body()).contains("identity_in_use", "already connected to another registry account");
        assertThat(json(bob.get("/api/globus/me"), 200).path("connection").path("identity").path("id").asText())
                .isEqualTo(bobId.id());

        JsonNode all = json(host.registry.admin().get("/api/globus/connections"), 200);
        assertThat(all.path("connections").findValuesAsText("user")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(all.toString()).doesNotContain(aliceId.accessToken());
    }

    @Test
    @Order(2)
    void alicesBringRunsAsHerWithARuleOnItsOwnFolderThatIsGoneAfterwards() throws Exception {
        Files.write(shared.resolve("alice-cluster/tool_v1.sif"), GlobusWorld.imageBytes("alice-tool"));
        world.sim.holdTransfers(true);
        try {
            JsonNode sent = json(alice.postJson("/globus/transfer/get/" + aliceCluster.id,
                    "{\"path\":\"/~/tool_v1.sif\",\"name\":\"alicelab/tool:v1\"}"), 202);
            aliceTask = sent.path("task_id").asText();
            assertThat(world.sim.tasksSubmittedBy(aliceId.id())).anySatisfy(t -> assertThat(t.taskId())
                    .isEqualTo(aliceTask));
            assertThat(world.sim.tasksSubmittedBy(world.sim.defaultIdentityId()))
                    .noneSatisfy(t -> assertThat(t.taskId()).isEqualTo(aliceTask));

            TransferRecord record = host.ledger.get(aliceTask).orElseThrow();
            ShareRef share = record.share();
            assertThat(share.state()).isEqualTo(ShareRef.CREATED);
            assertThat(share.path()).isEqualTo("/t/" + record.submissionId() + "/");
            var rules = world.sim.accessRules(guest.id);
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).principal).isEqualTo(aliceId.id());
            assertThat(rules.get(0).path).isEqualTo(share.path());
            assertThat(rules.get(0).permissions).isEqualTo("rw");

            // Bob sees neither the transfer nor its page
            assertThat(json(bob.get("/api/globus/tasks"), 200).toString()).doesNotContain(aliceTask);
            assertThat(bob.get("/api/globus/tasks/" + aliceTask).statusCode()).isEqualTo(404);
            assertThat(bob.get("/globus/tasks/" + aliceTask).statusCode()).isEqualTo(404);
            assertThat(bob.postJson("/api/globus/tasks/" + aliceTask + "/cancel", "{}").statusCode()).isEqualTo(404);
            assertThat(json(alice.get("/api/globus/tasks"), 200).toString()).contains(aliceTask);
        } finally {
            world.sim.holdTransfers(false);
        }
        awaitFinished(aliceTask);
        TransferRecord done = settled(aliceTask);
        assertThat(done.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.IMPORTED));
        assertThat(done.share().state()).isEqualTo(ShareRef.REMOVED);
        assertThat(world.sim.accessRules(guest.id)).isEmpty();
        assertThat(world.staging.localDir().resolve("t/" + done.submissionId())).doesNotExist();
        assertThat(host.registry.admin().get("/api/containers?q=alicelab").body()).contains("alicelab/tool");
    }

    @Test
    @Order(3)
    void bobCannotBringIntoAlicesCollectionAndNothingIsAskedOfGlobus() throws Exception {
        HttpResponse<String> made = alice.send(alice.request("/api/collections/alicelab")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"visibility\":\"private\"}")));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        Files.write(shared.resolve("bob-cluster/x_v1.sif"), GlobusWorld.imageBytes("bob-x"));
        world.sim.resetStats();
        HttpResponse<String> refused = bob.postJson("/globus/transfer/get/" + bobCluster.id,
                "{\"path\":\"/~/x_v1.sif\",\"name\":\"alicelab/x:v1\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(world.sim.stats().keySet()).noneMatch(k -> k.contains("access") || k.contains("POST /transfer"));
        assertThat(world.sim.accessRules(guest.id)).isEmpty();
    }

    @Test
    @Order(4)
    void aSendGivesReadAccessOnlyAndOthersCannotListThatFolder() throws Exception {
        world.sim.holdTransfers(true);
        String task;
        try {
            JsonNode sent = json(alice.postJson("/globus/transfer/put/" + aliceCluster.id,
                    "{\"path\":\"/~/back/\",\"containers\":[\"alicelab/tool:v1\"]}"), 202);
            task = sent.path("task_id").asText();
            var rules = world.sim.accessRules(guest.id);
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).permissions).isEqualTo("r");
            assertThat(rules.get(0).principal).isEqualTo(aliceId.id());
            TransferRecord record = host.ledger.get(task).orElseThrow();
            assertThat(record.items().get(0).sourcePath()).startsWith(record.share().path());
            // Bob's own token may not list Alice's folder on the registry's collection
            HttpResponse<String> peek = bob.get("/api/globus/endpoints/" + guest.id + "/ls?path="
                    + java.net.URLEncoder.encode(record.share().path(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(peek.statusCode()).as(peek.body()).isIn(403, 404);
        } finally {
            world.sim.holdTransfers(false);
        }
        awaitFinished(task);
        TransferRecord done = settled(task);
        assertThat(done.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.CLEANED));
        assertThat(world.sim.accessRules(guest.id)).isEmpty();
        assertThat(Files.list(shared.resolve("alice-cluster/back"))).hasSize(1);
    }

    @Test
    @Order(5)
    void aRevokedLoginTroublesOnlyItsOwner() throws Exception {
        world.sim.holdTransfers(true);
        String bobsTask;
        String alicesTask;
        try {
            Files.write(shared.resolve("bob-cluster/y_v1.sif"), GlobusWorld.imageBytes("bob-y"));
            Files.write(shared.resolve("alice-cluster/z_v1.sif"), GlobusWorld.imageBytes("alice-z"));
            bobsTask = json(bob.postJson("/globus/transfer/get/" + bobCluster.id,
                    "{\"path\":\"/~/y_v1.sif\",\"name\":\"boblab/y:v1\"}"), 202).path("task_id").asText();
            alicesTask = json(alice.postJson("/globus/transfer/get/" + aliceCluster.id,
                    "{\"path\":\"/~/z_v1.sif\",\"name\":\"alicelab/z:v1\"}"), 202).path("task_id").asText();
            world.sim.revokeTokensOf(aliceId.id());
        } finally {
            world.sim.holdTransfers(false);
        }
        awaitFinished(bobsTask);
        TransferRecord bobs = settled(bobsTask);
        assertThat(bobs.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.IMPORTED));
        TransferRecord alices = host.ledger.get(alicesTask).orElseThrow();
        assertThat(alices.done()).isFalse();
        assertThat(alices.messages()).anySatisfy(m -> assertThat(m).contains("your Globus credentials need to be updated"));
        JsonNode me = json(alice.get("/api/globus/me"), 200);
        assertThat(me.path("connection").path("state").asText()).isEqualTo("needs_update");
        assertThat(alice.get("/globus").body()).contains("Your Globus credentials need to be updated");
        assertThat(json(bob.get("/api/globus/me"), 200).path("connection").path("state").asText())
                .isEqualTo("connected");

        // Alice connects again: her transfer is followed and imported
        connect(alice, "alice@sim");
        TransferRecord again = settled(alicesTask);
        assertThat(again.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.IMPORTED));
        assertThat(world.sim.accessRules(guest.id)).isEmpty();
        assertThat(List.of(bobs.connection().user(), again.connection().user())).containsExactly("bob", "alice");
    }

    @Test
    @Order(6)
    void aNewAccountWithAFormerAccountsNameStartsWithoutItsGlobusConnectionOrWebhook() throws Exception {
        world.sim.createIdentity("carol@sim");
        host.registry.createUser("carol", Role.USER, PASSWORD);
        RegistryClient carol = host.registry.as("carol", PASSWORD);
        assertThat(connect(carol, "carol@sim").path("identity").asText()).isEqualTo("carol@sim");
        HttpResponse<String> saved = carol.send(carol.request("/api/globus/notifications")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":false,\"webhook\":{\"url\":\"https://93.184.216.34/hook\"}}")));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        Endpoint carolCluster = world.sim.createEndpoint(EndpointSpec.named("Carol's cluster").owner("carol@sim")
                .root(Files.createDirectories(shared.resolve("carol-cluster"))));
        Files.write(shared.resolve("carol-cluster/c_v1.sif"), GlobusWorld.imageBytes("carol-c"));
        String carolsTask = json(carol.postJson("/globus/transfer/get/" + carolCluster.id,
                "{\"path\":\"/~/c_v1.sif\",\"name\":\"carollab/c:v1\"}"), 202).path("task_id").asText();
        awaitFinished(carolsTask);
        settled(carolsTask);
        assertThat(json(carol.get("/api/globus/tasks"), 200).toString()).contains(carolsTask);

        // the administrator deletes carol; later someone else gets the name
        RegistryClient admin = host.registry.admin();
        HttpResponse<String> handedOver = admin.send(admin.request("/api/collections/carollab")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"owner\":{\"user\":\"admin\"}}")));
        assertThat(handedOver.statusCode()).as(handedOver.body()).isEqualTo(200);
        HttpResponse<String> deleted = admin.send(admin.request("/api/users/carol").DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        host.registry.createUser("carol", Role.USER, PASSWORD + "!");
        RegistryClient newCarol = host.registry.as("carol", PASSWORD + "!");
        long revokesBefore = world.sim.requestCount("POST /auth/v2/oauth2/token/revoke");

        JsonNode me = json(newCarol.get("/api/globus/me"), 200);
        assertThat(me.path("connection").path("state").asText()).isEqualTo("no_tokens");
        assertThat(json(newCarol.get("/api/globus/notifications"), 200).toString()).doesNotContain("93.184.216.34");
        assertThat(json(newCarol.get("/api/globus/tasks"), 200).toString()).doesNotContain(carolsTask);
        assertThat(newCarol.get("/api/globus/tasks/" + carolsTask).statusCode()).isEqualTo(404);
        assertThat(json(admin.get("/api/globus/tasks"), 200).toString()).as("kept for administrators")
                .contains(carolsTask);
        assertThat(world.sim.requestCount("POST /auth/v2/oauth2/token/revoke")).as("the former login revoked")
                .isGreaterThan(revokesBefore);
        // the former carol's identity is free again for whoever connects it
        assertThat(connect(newCarol, "carol@sim").path("identity").asText()).isEqualTo("carol@sim");
        assertThat(json(newCarol.get("/api/globus/me"), 200).path("connection").path("state").asText())
                .isEqualTo("connected");
    }

    @Test
    @Order(7)
    void aDeletedAccountsLoginIsRevokedAndItsIdentityFreedWithoutAnyoneVisiting() throws Exception {
        world.sim.createIdentity("gina@sim");
        host.registry.createUser("gina", Role.USER, PASSWORD);
        RegistryClient gina = host.registry.as("gina", PASSWORD);
        assertThat(connect(gina, "gina@sim").path("identity").asText()).isEqualTo("gina@sim");
        RegistryClient admin = host.registry.admin();
        HttpResponse<String> deleted = admin.send(admin.request("/api/users/gina").DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isBetween(200, 204);
        long revokesBefore = world.sim.requestCount("POST /auth/v2/oauth2/token/revoke");

        host.tick(); // the import task's round, no request by anyone
        assertThat(world.sim.requestCount("POST /auth/v2/oauth2/token/revoke")).as("gina's login revoked")
                .isGreaterThan(revokesBefore);
        assertThat(json(admin.get("/api/globus/connections"), 200).path("connections").findValuesAsText("user"))
                .doesNotContain("gina");
        host.registry.createUser("hank", Role.USER, PASSWORD);
        RegistryClient hank = host.registry.as("hank", PASSWORD);
        assertThat(connect(hank, "gina@sim").path("identity").asText()).as("the identity is free again")
                .isEqualTo("gina@sim");
    }
}
