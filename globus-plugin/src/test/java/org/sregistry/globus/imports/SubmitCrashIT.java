package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.client.TaskListQuery;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.host.testkit.RegistryClient;

/**
 * A registry server killed with SIGKILL between Globus accepting its submits and the ledger recording the task ids
 * (the simulator serves the submits, then holds their answers back; the kill lands while the registry waits), then
 * started again on the same data dir: the pull is imported once under the name the user asked for (not as a
 * foreign transfer with a derived name), the push shows on the activity page and its staged copy is removed when it
 * ends, and Globus has exactly one task for each.
 */
class SubmitCrashIT {
    private static final String PULL_LABEL = "sregistry pull demo-killed-v1";
    private static final String PUSH_LABEL = "sregistry push 1 image";

    @TempDir
    Path dir;

    @Test
    void aRegistryKilledBeforeItHeardGlobusAcceptAPullAndAPushTracksBothAsAskedAfterRestart() throws Exception {
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"))) {
            Path dataDir = Files.createDirectories(dir.resolve("registry"));
            world.logIn(dataDir);
            world.clusterFile("killed_v1.sif", GlobusWorld.imageBytes("killed"));
            Files.createDirectories(world.clusterRoot.resolve("out"));

            String pullTask;
            String pushTask;
            try (ChildRegistry child = ChildRegistry.start(dataDir, world.registrySettings(1),
                    dir.resolve("child.log"))) {
                RegistryClient admin = child.admin(dataDir);
                assertThat(admin.send(admin.request("/api/containers/demo/sent:v1")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(GlobusWorld.imageBytes("sent")))).statusCode())
                        .isIn(200, 201);
                world.sim.addFault(FaultSpec.answerDelay("POST /transfer/v0.10/transfer", 60_000, 2));
                CompletableFuture.runAsync(() -> admin.postJson("/globus/transfer/get/" + world.cluster.id,
                        "{\"path\":\"/~/killed_v1.sif\",\"name\":\"demo/killed:v1\"}"));
                CompletableFuture.runAsync(() -> admin.postJson("/globus/transfer/put/" + world.cluster.id,
                        "{\"path\":\"/~/out/\",\"containers\":[\"demo/sent:v1\"]}"));

                // Globus has both tasks; the registry is still waiting for the answers
                pullTask = await().atMost(Duration.ofSeconds(20)).until(() -> taskId(world, PULL_LABEL), t -> t != null);
                pushTask = await().atMost(Duration.ofSeconds(20)).until(() -> taskId(world, PUSH_LABEL), t -> t != null);
                assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
            }
            world.sim.clearFaults();
            world.awaitFinished(pullTask);
            world.awaitFinished(pushTask);
            // the push's staged copy and the pull's arrived file, each planned in an intent before it existed
            assertThat(stagedFiles(world)).extracting(p -> p.getFileName().toString())
                    .satisfiesExactlyInAnyOrder(n -> assertThat(n).endsWith("-sent_v1.sif"),
                            n -> assertThat(n).endsWith("-killed_v1.sif"));

            try (ImportHost host = ImportHost.start(world, dataDir, 1)) {
                TransferRecord pull = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> host.ledger.get(pullTask).orElse(null), r -> r != null && r.done());
                assertThat(pull.direction()).isEqualTo(Direction.GET);
                assertThat(pull.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
                assertThat(pull.messages()).anyMatch(m -> m.contains("Duplicate"));
                assertThat(host.registry.admin().get("/api/container/demo/killed:v1").statusCode()).isEqualTo(200);
                assertThat(host.registry.admin().get("/api/containers?q=killed").body()).contains("\"total\":1");

                TransferRecord push = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> host.ledger.get(pushTask).orElse(null), r -> r != null && r.done());
                assertThat(push.items()).singleElement()
                        .satisfies(i -> assertThat(i.state()).isEqualTo(ItemState.CLEANED));
                String activity = host.registry.admin().get("/globus/tasks").body();
                assertThat(activity).contains("task-" + pushTask, "1 image sent, staged copies removed",
                        "task-" + pullTask, "imported demo/killed:v1");

                assertThat(stagedFiles(world)).as("nothing left in the staging folder").isEmpty();
                assertThat(world.clusterRoot.resolve("out/sent_v1.sif")).exists();
                assertThat(tasks(world, PULL_LABEL)).as("one pull at Globus").hasSize(1);
                assertThat(tasks(world, PUSH_LABEL)).as("one push at Globus").hasSize(1);
                assertThat(List.of(host.status().failures())).containsExactly(0L);
            }
        }
    }

    private static String taskId(GlobusWorld world, String label) {
        List<Task> found = tasks(world, label);
        return found.isEmpty() ? null : found.get(0).taskId();
    }

    private static List<Task> tasks(GlobusWorld world, String label) {
        return world.transfer.taskList(TaskListQuery.all()).stream().filter(t -> label.equals(t.label())).toList();
    }

    private static List<Path> stagedFiles(GlobusWorld world) throws Exception {
        try (Stream<Path> files = Files.list(world.staging.localDir())) {
            return files.toList();
        }
    }
}
