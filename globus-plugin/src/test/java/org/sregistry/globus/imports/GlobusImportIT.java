package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The {@code globus-import} task in the real host with the built plugin jar and the simulator: pulls
 * imported once with their Globus metadata, pushes cleaned up, failures explained, foreign transfers
 * imported, and an idle tick that costs one Globus request however long the history.
 */
class GlobusImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static GlobusWorld world;
    static ImportHost host;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        host = ImportHost.start(world, shared.resolve("registry"), 3600); // ticks by hand, or by the fast path
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

    private static JsonNode get(String path) throws Exception {
        var response = host.registry.admin().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long listed(String text) throws Exception {
        return get("/api/containers?q=" + text).path("total").asLong(-1);
    }

    private static TransferRecord awaitDone(String taskId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> host.ledger.get(taskId).orElseThrow(), TransferRecord::done);
    }

    @Test
    void aPullIsImportedByTheFastPathExactlyOnceWithItsGlobusMetadata() throws Exception {
        byte[] content = GlobusWorld.imageBytes("lolcow");
        world.clusterFile("lolcow_latest.sif", content);
        world.sim.holdTransfers(true);
        TransferRecord pull;
        try {
            pull = world.pull(host.ledger, "lolcow_latest.sif", "demo/lolcow:latest");
            host.tick(); // as if the submit woke the task: it sees the active pull and polls it fast from now on
            assertThat(host.ledger.get(pull.taskId()).orElseThrow().progress().status()).isEqualTo("ACTIVE");
            assertThat(host.registry.server().scheduler().statuses().stream()
                    .filter(s -> s.name().equals(GlobusImportTask.NAME)).findFirst().orElseThrow().nextRun())
                    .isBefore(java.time.Instant.now().plusSeconds(3));
        } finally {
            world.sim.holdTransfers(false);
        }

        // no more "Run now": the fast path notices the end on its own within seconds
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> listed("demo/lolcow") == 1);
        JsonNode image = get("/api/container/demo/lolcow:latest");
        assertThat(image.path("size").asLong()).isEqualTo(content.length);
        assertThat(image.toString()).contains("\"globus.task_id\":\"" + pull.taskId() + "\"",
                "\"globus.source_endpoint_id\":\"" + world.cluster.id + "\"", "\"globus.source_endpoint\":\"HPC Cluster\"",
                "\"globus.source_path\":\"/~/lolcow_latest.sif\"", "\"globus.completed_at\"",
                "\"globus.link\":\"https://app.globus.org/activity/" + pull.taskId() + "\"");
        TransferRecord done = awaitDone(pull.taskId());
        assertThat(done.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        assertThat(done.messages()).anyMatch(m -> m.contains("finished; imported demo/lolcow:latest"));
        assertThat(Path.of(pull.items().get(0).stagedFile())).doesNotExist();
        assertThat(Files.readString(host.registry.server().logFile())).contains("finished; imported demo/lolcow:latest");

        host.tick();
        host.tick();
        assertThat(listed("demo/lolcow")).isEqualTo(1);
    }

    @Test
    void aPushLeavesNoStagedCopyWhetherItSucceedsOrFails() throws Exception {
        TransferRecord ok = world.push(host.ledger, Map.of("alpha_latest.sif", GlobusWorld.imageBytes("alpha"),
                "beta_latest.sif", GlobusWorld.imageBytes("beta")));
        world.awaitFinished(ok.taskId());
        TransferRecord bad;
        world.sim.holdTransfers(true);
        try {
            bad = world.push(host.ledger, Map.of("gamma_latest.sif", GlobusWorld.imageBytes("gamma")));
            world.sim.failTask(bad.taskId(), "permission denied on /~/out/");
        } finally {
            world.sim.holdTransfers(false);
        }

        host.tick();

        TransferRecord sent = awaitDone(ok.taskId());
        assertThat(sent.items()).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(ItemState.CLEANED);
            assertThat(Path.of(i.stagedFile())).doesNotExist();
        });
        TransferRecord refused = awaitDone(bad.taskId());
        assertThat(refused.items()).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(ItemState.FAILED);
            assertThat(Path.of(i.stagedFile())).doesNotExist();
        });
        assertThat(refused.messages()).anyMatch(m -> m.contains("failed: permission denied on /~/out/"));
    }

    @Test
    void aFailedPullShowsGlobusReasonAndImportsNothing() throws Exception {
        world.clusterFile("quota_latest.sif", GlobusWorld.imageBytes("quota"));
        TransferRecord pull;
        world.sim.holdTransfers(true);
        try {
            pull = world.pull(host.ledger, "quota_latest.sif", "demo/quota:latest");
            world.sim.failTask(pull.taskId(), "disk quota exceeded");
        } finally {
            world.sim.holdTransfers(false);
        }

        host.tick();

        TransferRecord failed = awaitDone(pull.taskId());
        assertThat(failed.items().get(0).state()).isEqualTo(ItemState.FAILED);
        assertThat(failed.items().get(0).reason()).isEqualTo("disk quota exceeded");
        assertThat(failed.messages()).anyMatch(m -> m.endsWith("failed: disk quota exceeded"));
        assertThat(Files.readString(host.registry.server().logFile())).contains("failed: disk quota exceeded");
        assertThat(listed("demo/quota")).isZero();
    }

    @Test
    void aGlobusReasonWithANewlineCannotForgeALogLineInTheFileOrOnTheLogsPage() throws Exception {
        String forged = "2030-01-01T00:00:00.000+00:00 ERROR [main] o.s.h.Admin - admin password reset by support";
        world.clusterFile("forged_latest.sif", GlobusWorld.imageBytes("forged"));
        TransferRecord pull;
        world.sim.holdTransfers(true);
        try {
            pull = world.pull(host.ledger, "forged_latest.sif", "demo/forged:latest");
            world.sim.failTask(pull.taskId(), "quota exceeded\n" + forged + "\r\u2028" + forged);
        } finally {
            world.sim.holdTransfers(false);
        }

        host.tick();
        awaitDone(pull.taskId());

        String log = Files.readString(host.registry.server().logFile());
        assertThat(log.lines()).noneMatch(l -> l.startsWith(forged) || l.contains("\u2028"));
        assertThat(log).contains("failed: quota exceeded\\n" + forged + "\\r\\u2028" + forged);
        String page = host.registry.browser().get("/logs").body();
        assertThat(page).contains("quota exceeded\\n" + forged).doesNotContain("\n" + forged);
    }

    @Test
    void aTransferIntoTheStagingPathStartedElsewhereIsImported() throws Exception {
        world.clusterFile("webapp_v3.sif", GlobusWorld.imageBytes("webapp"));
        String task = world.foreignTransfer("webapp_v3.sif", "dropped-by-hand.sif");
        world.awaitFinished(task);
        Thread.sleep(FinishedTaskScanner.FOREIGN_GRACE.toMillis() + 500); // the registry's own submits win that race

        host.tick();

        assertThat(listed("hpc-cluster/webapp")).isEqualTo(1);
        assertThat(get("/api/container/hpc-cluster/webapp:v3").toString()).contains("\"globus.task_id\":\"" + task + "\"");
        TransferRecord foreign = awaitDone(task);
        assertThat(foreign.direction()).isEqualTo(org.sregistry.globus.transfers.Direction.FOREIGN);
        assertThat(world.staging.localDir().resolve("dropped-by-hand.sif")).doesNotExist();
    }

    @Test
    void withAThousandFinishedTasksInHistoryAnIdleTickMakesExactlyOneGlobusRequest() throws Exception {
        world.sim.seedFinishedTasks(1000, "SUCCEEDED", world.cluster.id, world.registryEndpoint.id);
        world.sim.seedFinishedTasks(1000, "FAILED", world.registryEndpoint.id, world.cluster.id);
        host.tick(); // looks at the few seeded tasks inside the cursor's overlap window, never the whole history
        world.sim.resetStats();

        host.tick();

        assertThat(world.sim.stats()).containsOnlyKeys("GET /transfer/v0.10/task_list");
        assertThat(world.sim.requestCount("GET /transfer/v0.10/task_list")).isEqualTo(1);
        assertThat(host.status().outcome()).isEqualTo("ok");
    }
}
