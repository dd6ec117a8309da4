package org.sregistry.globus.sync;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sregistry.globus.imports.GlobusWorld;
import org.sregistry.globus.imports.ImportHost;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.IdentityTokens;
import org.sregistry.globussim.SimTask;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.host.users.Role;

/**
 * Scheduled sync in the real host with the built plugin and the simulator, the registry's collection a guest
 * collection: Alice owns collection {@code lab} and keeps her cluster's {@code /projects/lab/images/} in step with
 * it. Her rule, made through the API, runs when the server's clock passes its slot: one transfer as her, with
 * {@code sync_level} 3 and the rule's label, the files on the cluster, {@code last_run.result} ok; the next slot with
 * nothing new asks nothing of Globus; a new tag is the only one sent. Bob, who does not manage {@code lab}, may not
 * make such a rule nor see hers; bad input is a 400 naming the field; once Alice's Globus login is revoked her rule
 * fails saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path shared;
    static final ShiftableClock clock = new ShiftableClock();
    static GlobusWorld world;
    static ImportHost host;
    static Endpoint guest;
    static Endpoint aliceCluster;
    static IdentityTokens aliceId;
    static RegistryClient alice;
    static RegistryClient bob;
    static String ruleId;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        aliceId = world.sim.createIdentity("alice@sim");
        world.sim.createIdentity("bob@sim");
        guest = world.guestCollection();
        aliceCluster = world.sim.createEndpoint(EndpointSpec.named("Alice's cluster").owner("alice@sim")
                .root(Files.createDirectories(shared.resolve("alice-cluster"))));
        host = ImportHost.start(world, shared.resolve("registry"), 3600, GlobusWorld.onGuestCollection(guest), clock);
        host.registry.createUser("alice", Role.USER, PASSWORD);
        host.registry.createUser("bob", Role.USER, PASSWORD);
        alice = host.registry.as("alice", PASSWORD);
        bob = host.registry.as("bob", PASSWORD);
        connect(alice, "alice@sim");
        connect(bob, "bob@sim");
        push(alice, "lab/tool:1"); // alice's collection from now on
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

    private static void connect(RegistryClient client, String identity) throws Exception {
        JsonNode started = json(client.postJson("/api/globus/login", "{}"), 200);
        String code = world.sim.approveAs(URI.create(started.path("authorize_url").asText()).getRawQuery(), identity);
        json(client.postJson(started.path("finish").asText(), "{\"code\":\"" + code + "\"}"), 200);
    }

    private static void push(RegistryClient client, String uri) throws Exception {
        HttpResponse<String> pushed = client.send(client.request("/api/containers/" + uri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(GlobusWorld.imageBytes(uri))));
        assertThat(pushed.statusCode()).as(pushed.body()).isBetween(200, 201);
    }

    private static HttpResponse<String> put(RegistryClient client, String path, String body) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode rule() throws Exception {
        return json(alice.get("/api/globus/sync/" + ruleId), 200);
    }

    private static List<SimTask> syncTasks() {
        return world.sim.tasks().stream().filter(t -> ("sregistry sync " + ruleId).equals(t.label())).toList();
    }

    /** Moves the server's clock just past the rule's next run and runs the import task. */
    private static void pastNextRun() throws Exception {
        Instant next = Instant.parse(rule().path("next_run_at").asText());
        clock.advance(Duration.between(clock.instant(), next).plusSeconds(30));
        host.tick();
    }

    /** Runs the import task until the rule's last run has ended. */
    private static JsonNode ended() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            host.tick();
            return rule().path("last_run");
        }, run -> !run.isNull() && !"running".equals(run.path("result").asText()));
    }

    private static final String NIGHTLY = "{\"endpoint_id\":\"%s\",\"path\":\"/projects//lab/images\","
            + "\"match\":\"lab/*\",\"schedule\":{\"every\":\"P1D\",\"at\":\"02:00\",\"zone\":\"Europe/Berlin\"}}";

    @Test
    @Order(1)
    void onlyThoseWhoManageTheCollectionMayMakeARule() throws Exception {
        HttpResponse<String> refused = bob.postJson("/api/globus/sync", NIGHTLY.formatted(aliceCluster.id));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("you may not sync collection lab");
        assertThat(json(bob.get("/api/globus/sync"), 200).path("rules")).isEmpty();
    }

    @ParameterizedTest
    @Order(2)
    @CsvSource(delimiter = '|', value = {
            "\"match\":\"lab\"|match",
            "\"match\":\"lab/tool\"|match",
            "\"endpoint_id\":\"not-a-uuid\"|endpoint_id",
            "\"path\":\"projects/lab\"|path",
            "\"path\":\"/projects/../etc/\"|path",
            "\"schedule\":{\"every\":\"P2D\",\"at\":\"02:00\",\"zone\":\"UTC\"}|schedule.every",
            "\"schedule\":{\"every\":\"P1D\",\"at\":\"25:00\",\"zone\":\"UTC\"}|schedule.at",
            "\"schedule\":{\"every\":\"P1D\",\"at\":\"02:00\",\"zone\":\"Mars/Olympus\"}|schedule.zone",
            "\"schedule\":\"nightly\"|schedule",
            "\"enabled\":\"yes\"|enabled"})
    void badInputIsA400NamingTheField(String override, String field) throws Exception {
        JsonNode body = JSON.readTree(NIGHTLY.formatted(aliceCluster.id));
        JsonNode changed = JSON.readTree("{" + override + "}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).setAll((com.fasterxml.jackson.databind.node.ObjectNode) changed);
        HttpResponse<String> answer = alice.postJson("/api/globus/sync", body.toString());
        JsonNode error = json(answer, 400);
        assertThat(error.path("error").asText()).isEqualTo("bad_request");
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("message").asText()).startsWith(field + ": ").doesNotContain("Exception");
    }

    @Test
    @Order(3)
    void aliceMakesANightlyRuleWhichOnlySheAndAdministratorsSee() throws Exception {
        JsonNode made = json(alice.postJson("/api/globus/sync", NIGHTLY.formatted(aliceCluster.id)), 201);
        ruleId = made.path("id").asText();
        assertThat(ruleId).startsWith("r-");
        assertThat(made.path("owner").asText()).isEqualTo("alice");
        assertThat(made.path("path").asText()).isEqualTo("/projects/lab/images/");
        assertThat(made.path("enabled").asBoolean()).isTrue();
        assertThat(made.path("last_run").isNull()).isTrue();
        Instant next = Instant.parse(made.path("next_run_at").asText());
        assertThat(next).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(1)));
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalTime()).hasToString("02:00");

        assertThat(json(alice.get("/api/globus/sync"), 200).path("rules").findValuesAsText("id")).containsExactly(ruleId);
        assertThat(json(bob.get("/api/globus/sync"), 200).path("rules")).isEmpty();
        assertThat(bob.get("/api/globus/sync/" + ruleId).statusCode()).isEqualTo(404);
        assertThat(put(bob, "/api/globus/sync/" + ruleId, "{\"enabled\":false}").statusCode()).isEqualTo(404);
        assertThat(bob.postJson("/api/globus/sync/" + ruleId + "/run", "{}").statusCode()).isEqualTo(404);
        assertThat(json(host.registry.admin().get("/api/globus/sync"), 200).path("rules").findValuesAsText("id"))
                .contains(ruleId);
        assertThat(alice.get("/globus").body()).contains("id=\"globus-sync\"", "id=\"sync-" + ruleId + "\"",
                "<code>lab/*</code>", "every day at 02:00 (Europe/Berlin)");
        assertThat(bob.get("/globus").body()).contains("id=\"globus-sync\"").doesNotContain(ruleId);
        assertThat(host.registry.admin().get("/api/audit?action=globus.sync.create").body()).contains(ruleId);
    }

    @Test
    @Order(4)
    void atItsSlotTheRuleSendsAsAliceWithChecksumSyncAndTheFilesArrive() throws Exception {
        world.sim.resetStats();
        pastNextRun();
        List<SimTask> tasks = syncTasks();
        assertThat(tasks).hasSize(1);
        SimTask task = tasks.get(0);
        assertThat(task.syncLevel()).isEqualTo(3);
        assertThat(task.deleteDestinationExtra()).isFalse();
        assertThat(task.ownerId()).as("sent as Alice").isEqualTo(aliceId.id());
        assertThat(task.destinationEndpointId()).isEqualTo(aliceCluster.id);
        assertThat(task.items()).extracting(SimTask.Item::destinationPath)
                .containsExactly("/projects/lab/images/tool_1.sif");

        JsonNode run = ended();
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("ok");
        assertThat(run.path("images").asInt()).isEqualTo(1);
        assertThat(run.path("task_id").asText()).isEqualTo(task.taskId());
        assertThat(run.path("message").asText()).startsWith("1 new image sent to Alice's cluster /projects/lab/images/");
        assertThat(shared.resolve("alice-cluster/projects/lab/images/tool_1.sif")).exists();
        assertThat(world.sim.accessRules(guest.id)).as("the transfer's access rule is gone").isEmpty();
        JsonNode rule = rule();
        assertThat(rule.path("sent").path("lab/tool:1").asText()).startsWith("sha256:");
        assertThat(rule.path("endpoint_name").asText()).isEqualTo("Alice's cluster");
        assertThat(Instant.parse(rule.path("next_run_at").asText())).isAfter(clock.instant());
        assertThat(alice.get("/globus").body()).contains("data-result=\"ok\"");
    }

    @Test
    @Order(5)
    void theNextSlotWithNothingNewAsksNothingOfGlobus() throws Exception {
        world.sim.resetStats();
        pastNextRun();
        JsonNode run = rule().path("last_run");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("nothing_new");
        assertThat(syncTasks()).hasSize(1);
        // the import task's own calls (task list, the reaper's access_list) go on; nothing is submitted or shared
        assertThat(world.sim.stats().keySet()).noneMatch(k -> k.startsWith("POST ") || k.contains("submission_id"));
    }

    @Test
    @Order(6)
    void aNewTagIsTheOnlyOneSent() throws Exception {
        push(alice, "lab/tool:2");
        pastNextRun();
        List<SimTask> tasks = syncTasks();
        assertThat(tasks).hasSize(2);
        JsonNode run = ended();
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("ok");
        SimTask second = world.sim.task(run.path("task_id").asText());
        assertThat(second.syncLevel()).isEqualTo(3);
        assertThat(second.items()).extracting(SimTask.Item::destinationPath)
                .containsExactly("/projects/lab/images/tool_2.sif");
        assertThat(shared.resolve("alice-cluster/projects/lab/images/tool_2.sif")).exists();
        assertThat(rule().path("sent").size()).isEqualTo(2);
    }

    @Test
    @Order(7)
    void runNowRunsItWithinTheRoundAndIsAudited() throws Exception {
        JsonNode planned = json(alice.postJson("/api/globus/sync/" + ruleId + "/run", "{}"), 202);
        assertThat(Instant.parse(planned.path("next_run_at").asText())).isBeforeOrEqualTo(clock.instant());
        JsonNode run = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return rule().path("last_run");
        }, r -> "nothing_new".equals(r.path("result").asText())
                && Instant.parse(r.path("slot").asText()).equals(Instant.parse(planned.path("next_run_at").asText())));
        assertThat(run.path("message").asText()).contains("were sent already");
        assertThat(host.registry.admin().get("/api/audit?action=globus.sync.run").body()).contains(ruleId);
    }

    @Test
    @Order(8)
    void theFormOnTheGlobusPageSwitchesARuleOffAndOn() throws Exception {
        RegistryClient browser = host.registry.browserAs("alice", PASSWORD);
        assertThat(browser.form("/globus/sync/" + ruleId + "/disable", Map.of()).statusCode()).isEqualTo(303);
        assertThat(rule().path("enabled").asBoolean()).isFalse();
        assertThat(browser.get("/globus").body()).contains("data-enabled=\"false\"", "Switch on");
        assertThat(browser.form("/globus/sync/" + ruleId + "/enable", Map.of()).statusCode()).isEqualTo(303);
        assertThat(rule().path("enabled").asBoolean()).isTrue();

        assertThat(browser.get("/globus").body()).contains("href=\"/globus/sync/new\"")
                .as("the page lists no collections for the form").doesNotContain("globus-sync-endpoint");
        assertThat(browser.get("/globus/sync/new").body()).contains("<option value=\"" + aliceCluster.id + "\"",
                "Alice's cluster</option>");
        HttpResponse<String> typo = browser.form("/globus/sync", Map.of("match", "lab/<script>x", "endpoint_id",
                aliceCluster.id, "path", "/p/", "every", "P1D", "at", "02:00", "zone", "UTC", "day", "monday"));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("match: expected collection/* or collection/name*")
                .doesNotContain("<script>x").contains("value=\"lab/&lt;script");
        HttpResponse<String> made = browser.form("/globus/sync", Map.of("match", "lab/tool*", "endpoint_id",
                aliceCluster.id, "path", "/weekly/", "every", "P7D", "at", "06:30", "zone", "UTC", "day", "friday"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        JsonNode weekly = json(alice.get("/api/globus/sync"), 200).path("rules").get(0);
        assertThat(weekly.path("schedule").path("day").asText()).isEqualTo("friday");
        assertThat(weekly.path("endpoint_name").asText()).as("named from Alice's collections").isEqualTo("Alice's cluster");
        assertThat(alice.send(alice.request("/api/globus/sync/" + weekly.path("id").asText()).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(alice.get("/api/globus/sync/" + weekly.path("id").asText()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void onceAlicesLoginIsRevokedHerRuleFailsSayingSo() throws Exception {
        push(alice, "lab/tool:3");
        world.sim.revokeTokensOf(aliceId.id());
        world.sim.resetStats();
        pastNextRun();
        JsonNode run = rule().path("last_run");
        assertThat(run.path("result").asText()).as(run.toString()).isEqualTo("failed");
        assertThat(run.path("message").asText()).isEqualTo(
                "alice's Globus credentials need to be updated (connect again on the Globus page)");
        assertThat(Instant.parse(rule().path("next_run_at").asText())).as("the next run is planned")
                .isAfter(clock.instant());
        assertThat(world.sim.stats().keySet()).noneMatch(k -> k.startsWith("POST /transfer/v0.10/transfer"));
        assertThat(json(alice.get("/api/globus/me"), 200).path("connection").path("state").asText())
                .isEqualTo("needs_update");
        assertThat(alice.get("/globus").body()).contains("data-result=\"failed\"",
                "alice's Globus credentials need to be updated");
    }
}
