package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.host.testkit.RegistryClient;

/**
 * A registry server killed with SIGKILL while a user's transfer holds an access rule on the registry's guest
 * collection, then started again on the same data dir: a rule made but never recorded (the kill lands while Globus's
 * answer to "make the rule" is held back) is found by its path and removed, and the bring is recorded as not sent;
 * a rule recorded but whose submit was never answered stays while the resubmitted task runs, and goes when it ends.
 */
class ShareCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, String> guestSettings(GlobusWorld world, Endpoint guest, int poll) {
        Map<String, String> settings = new HashMap<>(world.registrySettings(poll));
        settings.putAll(GlobusWorld.onGuestCollection(guest));
        return settings;
    }

    /** alice@sim and her cluster endpoint, a folder of this test's. */
    private Endpoint alicesCluster(GlobusWorld world) throws Exception {
        world.sim.createIdentity("alice@sim");
        return world.sim.createEndpoint(EndpointSpec.named("Alice's cluster").owner("alice@sim")
                .root(Files.createDirectories(dir.resolve("alice-cluster"))));
    }

    /** The admin's own connection, as alice@sim (in guest mode every user acts as themselves, the admin too). */
    private static void connect(GlobusWorld world, RegistryClient admin) throws Exception {
        JsonNode started = JSON.readTree(admin.postJson("/api/globus/login", "{}").body());
        String code = world.sim.approveAs(URI.create(started.path("authorize_url").asText()).getRawQuery(),
                "alice@sim");
        assertThat(admin.postJson(started.path("finish").asText(), "{\"code\":\"" + code + "\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRuleMadeButNeverRecordedIsRemovedAfterRestartAndTheBringIsNotSent() throws Exception {
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"))) {
            Endpoint guest = world.guestCollection();
            Endpoint cluster = alicesCluster(world);
            Files.write(dir.resolve("alice-cluster/lost_v1.sif"), GlobusWorld.imageBytes("lost"));
            Path dataDir = Files.createDirectories(dir.resolve("registry"));
            world.logIn(dataDir);

            try (ChildRegistry child = ChildRegistry.start(dataDir, guestSettings(world, guest, 1),
                    dir.resolve("child.log"))) {
                RegistryClient admin = child.admin(dataDir);
                connect(world, admin);
                world.sim.addFault(FaultSpec.answerDelay("POST /transfer/v0.10/endpoint/*/access", 60_000, 1));
                CompletableFuture.runAsync(() -> admin.postJson("/globus/transfer/get/" + cluster.id,
                        "{\"path\":\"/~/lost_v1.sif\",\"name\":\"lab/lost:v1\"}"));
                // Globus made the rule; the registry still waits for its id
                await().atMost(Duration.ofSeconds(20)).until(() -> world.sim.accessRules(guest.id).size() == 1);
                assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
            }
            world.sim.clearFaults();
            String path = world.sim.accessRules(guest.id).get(0).path;

            try (ImportHost host = ImportHost.start(world, dataDir, 1, guestSettings(world, guest, 1))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> world.sim.accessRules(guest.id).isEmpty());
                TransferRecord record = await().atMost(Duration.ofSeconds(30)).until(() -> host.ledger.list(10, 0)
                        .stream().filter(r -> path.equals(r.share() == null ? null : r.share().path()))
                        .findFirst().orElse(null), r -> r != null && r.done());
                assertThat(record.taskId()).isNull();
                assertThat(record.share().state()).isEqualTo(ShareRef.REMOVED);
                assertThat(record.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.FAILED));
                assertThat(record.messages()).anySatisfy(m -> assertThat(m).contains("before the transfer was sent"));
                assertThat(world.sim.tasks()).as("nothing was submitted").isEmpty();
                assertThat(world.staging.localDir().resolve("t/" + record.submissionId())).doesNotExist();
            }
        }
    }

    @Test
    void aRecordedRuleStaysWhileTheResubmittedTaskRunsAndGoesWhenItEnds() throws Exception {
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"))) {
            Endpoint guest = world.guestCollection();
            Endpoint cluster = alicesCluster(world);
            Files.write(dir.resolve("alice-cluster/kept_v1.sif"), GlobusWorld.imageBytes("kept"));
            Path dataDir = Files.createDirectories(dir.resolve("registry"));
            world.logIn(dataDir);

            String taskId;
            try (ChildRegistry child = ChildRegistry.start(dataDir, guestSettings(world, guest, 1),
                    dir.resolve("child.log"))) {
                RegistryClient admin = child.admin(dataDir);
                connect(world, admin);
                world.sim.holdTransfers(true);
                world.sim.addFault(FaultSpec.answerDelay("POST /transfer/v0.10/transfer", 60_000, 1));
                CompletableFuture.runAsync(() -> admin.postJson("/globus/transfer/get/" + cluster.id,
                        "{\"path\":\"/~/kept_v1.sif\",\"name\":\"lab/kept:v1\"}"));
                taskId = await().atMost(Duration.ofSeconds(20)).until(() -> world.sim.tasks().isEmpty() ? null
                        : world.sim.tasks().get(0).taskId(), t -> t != null);
                assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
            }
            world.sim.clearFaults();
            assertThat(world.sim.accessRules(guest.id)).hasSize(1);

            try (ImportHost host = ImportHost.start(world, dataDir, 1, guestSettings(world, guest, 1))) {
                TransferRecord running = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> host.ledger.get(taskId).orElse(null), r -> r != null);
                assertThat(running.share().state()).isEqualTo(ShareRef.CREATED);
                assertThat(world.sim.accessRules(guest.id)).as("the task still needs its rule").hasSize(1);
                world.sim.holdTransfers(false);
                TransferRecord done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> host.ledger.get(taskId).orElseThrow(), TransferRecord::done);
                assertThat(done.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.IMPORTED));
                assertThat(done.share().state()).isEqualTo(ShareRef.REMOVED);
                assertThat(world.sim.accessRules(guest.id)).isEmpty();
                assertThat(world.sim.tasks()).as("one task at Globus").hasSize(1);
                assertThat(List.of(host.status().failures())).containsExactly(0L);
            }
        }
    }
}
