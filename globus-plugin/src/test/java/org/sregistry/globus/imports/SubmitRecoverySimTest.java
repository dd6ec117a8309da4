package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.client.TaskListQuery;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globus.transfers.TransferSubmitter;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globussim.control.FaultSpec;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Intent before side effects, against the simulator and the real registry core: what a submitting request leaves
 * when it dies at each point (written here step by step, as the submitter does them), and how the import task's
 * recovery finishes it: sent again with the same submission id, tracked under the name asked for, or abandoned with
 * its staged copies removed. The real submitter killed for real: {@code SubmitCrashIT}.
 */
class SubmitRecoverySimTest extends ImportSimTestBase {
    private static final Runnable NOTHING = () -> { };

    /** A pull of {@code /~/clusterName} planned as the submitter plans it, with a fresh Globus submission id. */
    private TransferRecord plannedPull(String clusterName, String targetName) throws Exception {
        Path local = world.staging.newFile(clusterName);
        return new TransferRecord(null, Direction.GET, "sregistry pull " + clusterName, world.cluster.id,
                world.cluster.displayName, world.registryEndpoint.id, world.registryEndpoint.displayName,
                List.of(TransferItem.pending("/~/" + clusterName, world.staging.endpointPathOf(local), local.toString(),
                        targetName)), Instant.now(), null, false, List.of("submitted: /~/" + clusterName),
                world.transfer.submissionId());
    }

    /** A push of one image, planned and staged as the submitter does it. */
    private TransferRecord stagedPush(String fileName) throws Exception {
        Files.createDirectories(world.clusterRoot.resolve("out"));
        Path blob = Files.write(dir.resolve(fileName + ".blob"), GlobusWorld.imageBytes(fileName));
        Path local = world.staging.newFile(fileName);
        world.staging.stageAt(blob, local, NOTHING);
        return new TransferRecord(null, Direction.PUT, "sregistry push 1 image", world.registryEndpoint.id,
                world.registryEndpoint.displayName, world.cluster.id, world.cluster.displayName,
                List.of(TransferItem.pending(world.staging.endpointPathOf(local), "/~/out/" + fileName,
                        local.toString(), "demo/" + fileName.replace(".sif", "") + ":latest")),
                Instant.now(), null, false, List.of("submitted: 1 image(s) to /~/out/"),
                world.transfer.submissionId());
    }

    private List<Task> tasksLabelled(String label) {
        return world.transfer.taskList(TaskListQuery.all()).stream().filter(t -> label.equals(t.label())).toList();
    }

    @Test
    void aPullGlobusAcceptedBeforeTheRegistryDiedIsSentAgainAndImportedOnceUnderTheRequestedName() throws Exception {
        world.clusterFile("killed_v1.sif", GlobusWorld.imageBytes("killed"));
        TransferRecord planned = plannedPull("killed_v1.sif", "demo/killed:v1");
        submissions.intend(SubmitIntent.submitting(planned, Instant.now()));
        String accepted = world.transfer.submitTransfer(Submissions.request(planned)).taskId();
        // ... and here the registry died: Globus has the task, the ledger only the intent
        world.awaitFinished(accepted);

        // past the foreign-transfer grace, within the submit grace: the task is neither resent nor taken for foreign
        round(setup(core, true, later(Duration.ofSeconds(10)), NOTHING));
        assertThat(ledger.get(accepted)).isEmpty();
        assertThat(images()).isEmpty();
        assertThat(intents.list(10)).hasSize(1);

        round(setup(core, true, later(PendingSubmits.SUBMIT_GRACE.plusSeconds(5)), NOTHING));
        TransferRecord tracked = record(accepted);
        assertThat(tracked.direction()).isEqualTo(Direction.GET);
        assertThat(tracked.submissionId()).isEqualTo(planned.submissionId());
        assertThat(tracked.messages()).anyMatch(m -> m.contains("sent again with the same submission id")
                && m.contains("Duplicate"));
        assertThat(intents.list(10)).isEmpty();
        round();
        round();

        assertThat(images()).singleElement().satisfies(i -> {
            assertThat(i.name().withoutVersion()).isEqualTo("demo/killed:v1");
            assertThat(i.metadata()).containsEntry("globus.task_id", accepted);
        });
        assertThat(record(accepted).done()).isTrue();
        assertThat(tasksLabelled(planned.label())).as("one task at Globus").hasSize(1);
    }

    @Test
    void aPushGlobusAcceptedBeforeTheRegistryDiedIsTrackedAndItsStagedCopyGoesWhenItEnds() throws Exception {
        TransferRecord planned = stagedPush("sent_latest.sif");
        SubmitIntent intent = SubmitIntent.staging(planned, Instant.now());
        submissions.intend(intent);
        assertThat(submissions.startSubmitting(planned.submissionId())).isTrue();
        String accepted = world.transfer.submitTransfer(Submissions.request(planned)).taskId();
        world.awaitFinished(accepted);
        Path staged = Path.of(planned.items().get(0).stagedFile());
        assertThat(staged).exists();

        round(setup(core, true, later(PendingSubmits.SUBMIT_GRACE.plusSeconds(5)), NOTHING));
        round();

        TransferRecord sent = record(accepted);
        assertThat(sent.done()).isTrue();
        assertThat(sent.items()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(ItemState.CLEANED));
        assertThat(staged).doesNotExist();
        assertThat(world.clusterRoot.resolve("out/sent_latest.sif")).exists();
        assertThat(tasksLabelled(planned.label())).hasSize(1);
    }

    @Test
    void aResubmitGlobusRefusesForGoodIsShownAsNotSubmittedAndItsStagedCopiesAreRemoved() throws Exception {
        TransferRecord planned = stagedPush("refused_latest.sif");
        submissions.intend(SubmitIntent.submitting(planned, Instant.now()));
        // the first submit never left; now the collection is gone
        world.sim.addFault(FaultSpec.status("POST /transfer/v0.10/transfer", 404, 1).withCode("EndpointNotFound"));
        Path staged = Path.of(planned.items().get(0).stagedFile());

        round(setup(core, true, later(PendingSubmits.SUBMIT_GRACE.plusSeconds(5)), NOTHING));

        TransferRecord failed = record(planned.submissionId());
        assertThat(failed.taskId()).isNull();
        assertThat(failed.done()).isTrue();
        assertThat(failed.items()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(ItemState.FAILED);
            assertThat(i.reason()).contains("Globus refused").contains("EndpointNotFound");
        });
        assertThat(failed.messages()).anyMatch(m -> m.startsWith("not submitted: Globus refused")
                && m.endsWith("staged copies removed"));
        assertThat(staged).doesNotExist();
        assertThat(intents.list(10)).isEmpty();
        assertThat(ledger.open(10)).isEmpty();
        assertThat(org.sregistry.globus.web.TaskView.of(failed).status()).isEqualTo("NOT_SUBMITTED");
    }

    @Test
    void aStagingTheRegistryDiedInIsAbandonedAfterItsGraceAndNothingIsSent() throws Exception {
        TransferRecord planned = stagedPush("half_latest.sif");
        submissions.intend(SubmitIntent.staging(planned, Instant.now()));
        Path staged = Path.of(planned.items().get(0).stagedFile());
        world.sim.resetStats();

        round(setup(core, true, later(PendingSubmits.STAGING_GRACE.minusSeconds(10)), NOTHING));
        assertThat(staged).as("a slow copy may still be going on").exists();

        round(setup(core, true, later(PendingSubmits.STAGING_GRACE.plusSeconds(10)), NOTHING));

        assertThat(staged).doesNotExist();
        TransferRecord failed = record(planned.submissionId());
        assertThat(failed.messages()).anyMatch(m -> m.contains("stopped while staging"));
        assertThat(world.sim.requestCount("POST /transfer/v0.10/transfer")).isZero();
        assertThat(intents.list(10)).isEmpty();
        // the request, had it been alive after all, may not send it any more
        assertThat(submissions.startSubmitting(planned.submissionId())).isFalse();
    }

    @Test
    void aSubmitGlobusDoesNotAnswerStaysPendingAndIsSentAgainByTheImportTask() throws Exception {
        world.clusterFile("quiet_v2.sif", GlobusWorld.imageBytes("quiet"));
        TransferSubmitter submitter = new TransferSubmitter(core.forPlugin("globus"), settings(), submissions,
                org.sregistry.globus.transfers.TransferClients.only(world.transferOnce), Clock.systemUTC(), NOTHING);
        world.sim.addFault(FaultSpec.status("POST /transfer/v0.10/transfer", 503, 1));

        SubmittedTransfer sent = submitter.pull(world.cluster.id, "/~/quiet_v2.sif", "demo/quiet:v2", false,
                OpenAccess.ADMIN);

        assertThat(sent.pending()).isTrue();
        assertThat(sent.message()).contains("Do not send it again");
        assertThat(intents.get(sent.submissionId())).isPresent();
        round(setup(core, true, later(PendingSubmits.SUBMIT_GRACE.plusSeconds(5)), NOTHING));
        TransferRecord tracked = ledger.list(10, 0).get(0);
        assertThat(tracked.submissionId()).isEqualTo(sent.submissionId());
        assertThat(tracked.messages()).anyMatch(m -> m.contains("Globus had not received it"));
        world.awaitFinished(tracked.taskId());
        round();
        round();
        assertThat(images()).singleElement()
                .satisfies(i -> assertThat(i.name().withoutVersion()).isEqualTo("demo/quiet:v2"));
    }

    @Test
    void aSendIsRefusedBeforeAnythingIsStagedOrSentWhenTheLedgerCannotTakeItsIntent() throws Exception {
        core.forPlugin("globus").add(Files.write(dir.resolve("img.sif"), GlobusWorld.imageBytes("keep")),
                "demo/keep:latest", Map.of());
        Files.createDirectories(world.clusterRoot.resolve("out"));
        Database broken = Database.open(dir.resolve("broken-db"));
        broken.close(); // a ledger whose database fails
        JdbcPluginStore brokenStore = new JdbcPluginStore(broken, "globus", Clock.systemUTC());
        TransferSubmitter failing = new TransferSubmitter(core.forPlugin("globus"), settings(),
                new Submissions(new TransferLedger(brokenStore), new SubmitIntents(brokenStore), Clock.systemUTC()),
                org.sregistry.globus.transfers.TransferClients.only(world.transfer), Clock.systemUTC(), NOTHING);
        world.sim.resetStats();

        assertThatThrownBy(() -> failing.push(world.cluster.id, "/~/out/", List.of("demo/keep:latest"),
                OpenAccess.ADMIN))
                .isNotInstanceOf(GlobusApiException.class);
        try (var left = Files.list(world.staging.localDir())) {
            assertThat(left).as("nothing staged").isEmpty();
        }
        assertThat(world.sim.requestCount("POST /transfer/v0.10/transfer")).as("nothing sent").isZero();

        // a task that cannot be woken is still tracked: its record is written before the wake-up
        TransferSubmitter sleepy = new TransferSubmitter(core.forPlugin("globus"), settings(), submissions,
                org.sregistry.globus.transfers.TransferClients.only(world.transfer), Clock.systemUTC(), () -> {
                    throw new IllegalStateException("cannot wake the import task");
                });
        SubmittedTransfer sent = sleepy.push(world.cluster.id, "/~/out/", List.of("demo/keep:latest"),
                OpenAccess.ADMIN);
        assertThat(Path.of(sent.record().items().get(0).stagedFile())).as("Globus is reading it").exists();
        assertThat(ledger.open(10)).extracting(TransferRecord::taskId).containsExactly(sent.taskId());
        assertThat(intents.list(10)).isEmpty();
        assertThat(world.awaitFinished(sent.taskId()).isSucceeded()).isTrue();
    }
}
