package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.host.testkit.RegistryClient;

/**
 * Transfers you can trust and steer, in the real host with the built plugin and the simulator, as the admin: several
 * files brought in one task (each imported once under its own name), Cancel of an active task (CANCELED, then "had
 * already finished"), Retry of a failed task (a new record linked to the old one, imported once), the task's event
 * list in plain words with Globus's text escaped, the task facts (short status, is_ok, subtasks, rate,
 * verify_checksum), and a {@code ConsentRequired} that comes with 401 offering consent instead of "connect again".
 */
class SteerTransfersIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static java.nio.file.Path shared;
    static GlobusWorld world;
    static ImportHost host;
    static RegistryClient admin;
    static RegistryClient browser;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        host = ImportHost.start(world, shared.resolve("registry"), 3600);
        admin = host.registry.admin();
        browser = host.registry.browser();
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

    private static HttpResponse<String> bringForm(List<String> paths, String name) {
        StringBuilder body = new StringBuilder("_csrf=" + enc(browser.csrfToken()));
        paths.forEach(p -> body.append("&path=").append(enc(p)));
        if (name != null) {
            body.append("&name=").append(enc(name));
        }
        return browser.send(browser.request("/globus/transfer/get/" + world.cluster.id)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String bring(String path, String name) throws Exception {
        HttpResponse<String> r = admin.postJson("/globus/transfer/get/" + world.cluster.id,
                "{\"path\":\"" + path + "\",\"name\":\"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("task_id").asText();
    }

    private static TransferRecord settled(String key) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            host.tick();
            return host.ledger.get(key).orElseThrow();
        }, r -> !r.active() && r.items().stream().allMatch(TransferItem::settled));
    }

    private static long listed(String text) throws Exception {
        return JSON.readTree(admin.get("/api/containers?q=" + text).body()).path("total").asLong(-1);
    }

    /** Fails a held task at the simulator with a Globus error code and description. */
    private static void failAtGlobus(String taskId, String code, String reason) throws Exception {
        String body = JSON.writeValueAsString(Map.of("code", code, "reason", reason));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        world.sim.controlRoot().resolve("tasks/" + taskId + "/fail"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void severalTickedFilesAreBroughtInOneTaskAndEachImportedOnceUnderItsOwnName() throws Exception {
        for (String n : List.of("alpha", "beta", "gamma")) {
            world.clusterFile("many/" + n + "_v1.sif", GlobusWorld.imageBytes(n));
        }
        String folder = browser.get("/globus/" + world.cluster.id + "?path=/~/many/").body();
        assertThat(folder).contains("type=\"checkbox\" name=\"path\" value=\"/~/many/alpha_v1.sif\"");

        HttpResponse<String> named = bringForm(List.of("/~/many/alpha_v1.sif", "/~/many/beta_v1.sif"), "x/y:z");
        assertThat(named.statusCode()).isEqualTo(400);
        assertThat(named.body()).contains("A name applies to one file only");

        int tasksBefore = world.transfer.taskList(org.sregistry.globus.client.TaskListQuery.all()).size();
        HttpResponse<String> sent = bringForm(List.of("/~/many/alpha_v1.sif", "/~/many/beta_v1.sif",
                "/~/many/gamma_v1.sif"), null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("3 files from HPC Cluster in one task", "alpha_v1.sif → hpc-cluster/alpha:v1",
                "gamma_v1.sif → hpc-cluster/gamma:v1");
        assertThat(world.transfer.taskList(org.sregistry.globus.client.TaskListQuery.all())).hasSize(tasksBefore + 1);
        TransferRecord record = host.ledger.list(50, 0).stream().filter(r -> "sregistry pull 3 files".equals(r.label()))
                .findFirst().orElseThrow();
        assertThat(record.items()).hasSize(3);
        assertThat(record.items().stream().map(TransferItem::destinationPath).distinct()).hasSize(3);

        world.awaitFinished(record.taskId());
        TransferRecord done = settled(record.taskId());
        assertThat(done.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.IMPORTED));
        assertThat(done.items().stream().map(i -> i.imageUri().substring(0, i.imageUri().indexOf('@'))))
                .containsExactly("hpc-cluster/alpha:v1", "hpc-cluster/beta:v1", "hpc-cluster/gamma:v1");
        host.tick();
        host.tick();
        for (String n : List.of("alpha", "beta", "gamma")) {
            assertThat(listed("hpc-cluster/" + n)).as(n).isEqualTo(1);
        }
        // the JSON API takes several files too, each with an optional name
        HttpResponse<String> api = admin.postJson("/globus/transfer/get/" + world.cluster.id,
                "{\"files\":[{\"path\":\"/~/many/alpha_v1.sif\",\"name\":\"api/alpha:v1\"},"
                        + "{\"path\":\"/~/many/beta_v1.sif\"}]}");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(202);
        String apiTask = JSON.readTree(api.body()).path("task_id").asText();
        world.awaitFinished(apiTask);
        assertThat(settled(apiTask).items().stream().map(i -> i.imageUri().substring(0, i.imageUri().indexOf('@'))))
                .containsExactly("api/alpha:v1", "hpc-cluster/beta:v1-2");
    }

    @Test
    void cancelStopsAnActiveTaskAndSaysSoWhenItHadFinished() throws Exception {
        world.clusterFile("cancel_v1.sif", GlobusWorld.imageBytes("cancel me"));
        String task;
        world.sim.holdTransfers(true);
        try {
            task = bring("/~/cancel_v1.sif", "demo/cancel:v1");
            String page = browser.get("/globus/tasks/" + task).body();
            assertThat(page).contains("id=\"cancel-" + task + "\"", "action=\"/globus/tasks/" + task + "/cancel\"",
                    "hx-post=\"/globus/tasks/" + task + "/cancel\"", "name=\"_csrf\"");
            assertThat(page).doesNotContain("id=\"retry-" + task + "\"");
            assertThat(browser.formWithoutCsrf("/globus/tasks/" + task + "/cancel", Map.of()).statusCode())
                    .isEqualTo(403);

            HttpResponse<String> canceled = browser.form("/globus/tasks/" + task + "/cancel", Map.of());
            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            assertThat(canceled.body()).contains("id=\"globus-task-notice\"", "Canceled at Globus",
                    "data-status=\"CANCELED\"", ">CANCELED<", "The transfer was canceled.",
                    "id=\"retry-" + task + "\"");
        } finally {
            world.sim.holdTransfers(false);
        }
        assertThat(world.transfer.getTask(task).status()).isEqualTo("FAILED");

        HttpResponse<String> again = browser.send(browser.request("/globus/tasks/" + task + "/cancel")
                .header("HX-Request", "true").header("X-CSRF-Token", browser.csrfToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).startsWith("<div id=\"globus-tasks\"")
                .contains("This transfer was canceled already.").doesNotContain("id=\"globus-is-ok\"");

        TransferRecord done = settled(task);
        assertThat(done.items().get(0).state()).isEqualTo(ItemState.FAILED);
        assertThat(done.messages()).filteredOn(m -> m.contains("canceled on") || m.contains("cancel asked"))
                .as("one cancel, said once").containsExactly("canceled on the activity page by admin");
        assertThat(listed("demo/cancel")).isZero();
    }

    @Test
    void retryOfAFailedTaskIsANewLinkedTransferImportedOnce() throws Exception {
        world.clusterFile("again_v1.sif", GlobusWorld.imageBytes("again"));
        String task;
        world.sim.holdTransfers(true);
        try {
            task = bring("/~/again_v1.sif", "demo/again:v1");
            failAtGlobus(task, "QUOTA_EXCEEDED", "disk quota exceeded");
        } finally {
            world.sim.holdTransfers(false);
        }
        assertThat(settled(task).items().get(0).state()).isEqualTo(ItemState.FAILED);

        HttpResponse<String> retried = browser.form("/globus/tasks/" + task + "/retry", Map.of());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("Retried: Transfer submitted: again_v1.sif from HPC Cluster will become "
                + "demo/again:v1", "Retry of <a href=\"/globus/tasks/" + task + "\"");
        TransferRecord old = host.ledger.get(task).orElseThrow();
        String newTask = old.retriedAs();
        assertThat(newTask).isNotNull().isNotEqualTo(task).isNotEqualTo(TransferRecord.RETRYING);
        TransferRecord fresh = host.ledger.get(newTask).orElseThrow();
        assertThat(fresh.retryOf()).isEqualTo(task);
        assertThat(fresh.items().get(0).sourcePath()).isEqualTo("/~/again_v1.sif");
        assertThat(fresh.items().get(0).destinationPath()).isNotEqualTo(old.items().get(0).destinationPath());
        assertThat(browser.get("/globus/tasks/" + task).body()).contains("Retried as <a href=\"/globus/tasks/"
                + newTask + "\"").doesNotContain("id=\"retry-" + task + "\"");

        HttpResponse<String> twice = browser.form("/globus/tasks/" + task + "/retry", Map.of());
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("retried already");

        world.awaitFinished(newTask);
        assertThat(settled(newTask).items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        host.tick();
        host.tick();
        assertThat(listed("demo/again")).isEqualTo(1);
        assertThat(browser.formWithoutCsrf("/globus/tasks/" + task + "/retry", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void scriptsCancelAndRetryThroughTheJsonApi() throws Exception {
        world.clusterFile("api_v1.sif", GlobusWorld.imageBytes("api"));
        String task;
        world.sim.holdTransfers(true);
        try {
            task = bring("/~/api_v1.sif", "demo/api:v1");
            HttpResponse<String> canceled = admin.postJson("/api/globus/tasks/" + task + "/cancel", "");
            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            assertThat(canceled.body()).contains("\"outcome\":\"CANCELED\"", "\"status\":\"CANCELED\"");
        } finally {
            world.sim.holdTransfers(false);
        }
        HttpResponse<String> again = admin.postJson("/api/globus/tasks/" + task + "/cancel", "");
        assertThat(again.body()).contains("\"outcome\":\"ALREADY_FINISHED\"", "canceled already");
        settled(task);

        HttpResponse<String> retried = admin.postJson("/api/globus/tasks/" + task + "/retry", "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("\"outcome\":\"RETRIED\"");
        String newTask = host.ledger.get(task).orElseThrow().retriedAs();
        assertThat(retried.body()).contains("\"key\":\"" + newTask + "\"");
        HttpResponse<String> twice = admin.postJson("/api/globus/tasks/" + task + "/retry", "");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("\"error\":\"not_possible\"", "retried already");
        assertThat(admin.postJson("/api/globus/tasks/not-a-uuid/cancel", "").statusCode()).isEqualTo(400);
        assertThat(admin.postJson("/api/globus/tasks/" + java.util.UUID.randomUUID() + "/retry", "").statusCode())
                .isEqualTo(404);
        world.awaitFinished(newTask);
        assertThat(settled(newTask).items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        host.tick();
        host.tick();
        assertThat(listed("demo/api")).isEqualTo(1);
    }

    @Test
    void theTaskPageShowsGlobusEventsInPlainWordsEscapedAndTheTaskFacts() throws Exception {
        world.clusterFile("events_v1.sif", GlobusWorld.imageBytes("events"));
        String failed;
        world.sim.holdTransfers(true);
        try {
            failed = bring("/~/events_v1.sif", "demo/events:v1");
            String active = browser.get("/globus/tasks/" + failed).body();
            assertThat(active).contains("id=\"globus-is-ok\">yes<", "id=\"globus-rate\">", " B/s<",
                    "id=\"globus-verify-checksum\">on<", "id=\"globus-subtasks\"");
            failAtGlobus(failed, "PERMISSION_DENIED", "<script>alert('x')</script> permission denied on /~/");
        } finally {
            world.sim.holdTransfers(false);
        }
        settled(failed);
        String page = browser.get("/globus/tasks/" + failed).body();
        assertThat(page).contains("id=\"globus-events\"",
                "Permission denied: an endpoint refused access to a file or folder.", "<code>PERMISSION_DENIED</code>",
                "&lt;script&gt;alert(", "data-error=\"true\"", "id=\"globus-verify-checksum\">on<")
                .doesNotContain("<script>alert(").doesNotContain("id=\"globus-rate\"");

        world.clusterFile("fine_v1.sif", GlobusWorld.imageBytes("fine"));
        String ok = bring("/~/fine_v1.sif", "demo/fine:v1");
        world.awaitFinished(ok);
        settled(ok);
        String okPage = browser.get("/globus/tasks/" + ok).body();
        assertThat(okPage).contains("The transfer finished: every file arrived.", "<code>SUCCEEDED</code>",
                "id=\"globus-subtasks\">1 succeeded · 0 failed · 0 pending · 0 skipped (of 1)<");
        JsonNode api = JSON.readTree(admin.get("/api/globus/tasks/" + ok).body());
        assertThat(api.path("globus").path("verify_checksum").asBoolean()).isTrue();
    }

    @Test
    void aConsentRequiredThatComesWith401OffersConsentNotANewLogin() throws Exception {
        world.sim.addFault(FaultSpec.status("GET /transfer/v0.10/operation/endpoint/*/ls", 401, 1)
                .withCode("ConsentRequired"));
        try {
            String page = browser.get("/globus/" + world.cluster.id + "?path=/~/").body();
            assertThat(page).contains("needs your consent", "Grant access", "/globus/consent/" + world.cluster.id)
                    .doesNotContain("connect Globus on /globus first");
        } finally {
            world.sim.clearFaults();
        }
        assertThat(browser.get("/globus/" + world.cluster.id + "?path=/~/").body()).doesNotContain("needs your consent");
    }
}
