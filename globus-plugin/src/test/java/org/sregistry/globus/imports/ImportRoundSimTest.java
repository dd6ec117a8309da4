package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.RegistryService;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Import rounds against the real simulator and the real registry core (H2, blob store): exactly once
 * across a crash and across concurrent runs, bounded retries, failures, foreign transfers, the fast
 * path, and the cost of an idle round.
 */
class ImportRoundSimTest extends ImportSimTestBase {

    @Test
    void aFinishedPullIsImportedOnceWithItsGlobusMetadataAndTheStagedFileGoes() throws Exception {
        byte[] content = GlobusWorld.imageBytes("lolcow");
        world.clusterFile("lolcow_latest.sif", content);
        TransferRecord pull = world.pull(ledger, "lolcow_latest.sif", "demo/lolcow:latest");
        world.awaitFinished(pull.taskId());

        round();
        round();

        assertThat(images()).singleElement().satisfies(image -> {
            assertThat(image.name().withoutVersion()).isEqualTo("demo/lolcow:latest");
            assertThat(image.size()).isEqualTo(content.length);
            assertThat(image.metadata()).containsEntry("globus.task_id", pull.taskId())
                    .containsEntry("globus.source_endpoint_id", world.cluster.id)
                    .containsEntry("globus.source_endpoint", "HPC Cluster")
                    .containsEntry("globus.source_path", "/~/lolcow_latest.sif")
                    .containsEntry("globus.link", "https://app.globus.org/activity/" + pull.taskId())
                    .containsKey("globus.completed_at");
        });
        TransferRecord done = record(pull.taskId());
        assertThat(done.done()).isTrue();
        assertThat(done.items()).singleElement().satisfies(item -> {
            assertThat(item.state()).isEqualTo(ItemState.IMPORTED);
            assertThat(item.imageUri()).startsWith("demo/lolcow:latest@sha256:");
        });
        assertThat(done.messages()).anyMatch(m -> m.contains("finished; imported demo/lolcow:latest"));
        assertThat(done.progress().status()).isEqualTo("SUCCEEDED");
        assertThat(Path.of(pull.items().get(0).stagedFile())).doesNotExist();
    }

    @Test
    void aCrashBetweenTheRegistryAddAndTheLedgerCommitEndsInOneImageAndNoOrphanBlob() throws Exception {
        world.clusterFile("crash_v1.sif", GlobusWorld.imageBytes("crash"));
        TransferRecord pull = world.pull(ledger, "crash_v1.sif", "demo/crash:v1");
        world.awaitFinished(pull.taskId());
        Path staged = Path.of(pull.items().get(0).stagedFile());

        assertThatThrownBy(() -> round(setup(core, true, Clock.systemUTC(), () -> {
            throw new SimulatedCrash();
        }))).isInstanceOf(SimulatedCrash.class);
        // the image is in the registry, the ledger does not know yet, the file is still staged
        assertThat(images()).hasSize(1);
        assertThat(record(pull.taskId()).items().get(0).state()).isEqualTo(ItemState.PENDING);
        assertThat(staged).exists();

        db.close();
        openRegistry(); // the restarted process: recovery runs, then the next rounds
        round();
        assertThat(staged).as("removed one round after the import, once its commit is on disk").exists();
        round();

        assertThat(images()).singleElement().satisfies(i -> assertThat(i.uri()).startsWith("demo/crash:v1@"));
        TransferRecord after = record(pull.taskId());
        assertThat(after.done()).isTrue();
        assertThat(after.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
        assertThat(after.messages()).anyMatch(m -> m.contains("the registry had it already"));
        assertThat(staged).doesNotExist();
        assertThat(core.blobStore().storedDigests()).containsExactly(images().get(0).version());
        assertThat(core.blobStore().tempFileCount()).isZero();
    }

    @Test
    void twoRoundsRunningAtOnceInTwoRegistriesOnOneDatabaseImportEachFileOnce() throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            world.clusterFile("img" + i + "_latest.sif", GlobusWorld.imageBytes("img" + i));
            tasks.add(world.pull(ledger, "img" + i + "_latest.sif", "race/img" + i + ":latest").taskId());
        }
        tasks.forEach(world::awaitFinished);
        JdbcRegistryService second = new JdbcRegistryService(db, registryDir, Clock.systemUTC(), Long.MAX_VALUE);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (JdbcRegistryService registry : List.of(core, second)) {
                ImportSetup setup = setup(registry, true, Clock.systemUTC(), () -> { });
                runs.add(pool.submit(() -> {
                    together.await();
                    return round(setup);
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        round(); // closes the records

        assertThat(images()).hasSize(4);
        for (String task : tasks) {
            TransferRecord r = record(task);
            assertThat(r.done()).isTrue();
            assertThat(r.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
            assertThat(r.messages().stream().filter(m -> m.contains("finished; imported")).count()).isEqualTo(1);
        }
        assertThat(core.blobStore().storedDigests()).hasSize(4);
    }

    @Test
    void aStagedFileOfTheWrongSizeIsRetriedFiveTimesThenQuarantinedNeverImportedNorDeleted() throws Exception {
        world.clusterFile("bad_latest.sif", GlobusWorld.imageBytes("bad"));
        TransferRecord pull = world.pull(ledger, "bad_latest.sif", "demo/bad:latest");
        world.awaitFinished(pull.taskId());
        Path staged = Path.of(pull.items().get(0).stagedFile());
        Files.writeString(staged, "truncated");

        round();
        TransferItem first = record(pull.taskId()).items().get(0);
        assertThat(first.state()).isEqualTo(ItemState.RETRYING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.reason()).contains("has 9 bytes, Globus reported");
        for (int i = 0; i < 4; i++) {
            round();
        }

        TransferRecord kept = record(pull.taskId());
        TransferItem item = kept.items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.QUARANTINED);
        assertThat(item.attempts()).isEqualTo(ArrivedFileImporter.MAX_ATTEMPTS);
        assertThat(item.reason()).contains("has 9 bytes, Globus reported");
        assertThat(kept.done()).as("waits for Retry or Discard").isFalse();
        assertThat(kept.messages()).anyMatch(m -> m.contains("bad_latest.sif could not be imported")
                && m.contains("kept in quarantine"));
        assertThat(images()).isEmpty();
        assertThat(staged).as("out of the folder Globus exposes").doesNotExist();
        Path inQuarantine = Path.of(item.keptFile());
        assertThat(inQuarantine).startsWith(quarantine.dir()).hasContent("truncated");
        assertThat(item.nextAttemptAt()).isAfter(Instant.now().plusSeconds(50));
    }

    @Test
    void aVanishedStagedFileIsRetriedAndImportedWhenItIsBack() throws Exception {
        byte[] content = GlobusWorld.imageBytes("late");
        world.clusterFile("late_latest.sif", content);
        TransferRecord pull = world.pull(ledger, "late_latest.sif", null);
        world.awaitFinished(pull.taskId());
        Path staged = Path.of(pull.items().get(0).stagedFile());
        Path aside = Files.move(staged, dir.resolve("aside"));

        round();
        assertThat(record(pull.taskId()).items().get(0).reason()).contains("is missing");
        Files.move(aside, staged);
        round();
        round();

        // no requested name: parsed from the source file, collection from the source endpoint's name
        assertThat(images()).singleElement()
                .satisfies(i -> assertThat(i.name().withoutVersion()).isEqualTo("hpc-cluster/late:latest"));
        assertThat(record(pull.taskId()).done()).isTrue();
    }

    @Test
    void aFailedPullIsMarkedFailedWithGlobusReason() throws Exception {
        world.clusterFile("big_latest.sif", GlobusWorld.imageBytes("big"));
        world.sim.holdTransfers(true);
        TransferRecord pull = world.pull(ledger, "big_latest.sif", "demo/big:latest");
        world.sim.failTask(pull.taskId(), "disk quota exceeded");
        world.sim.holdTransfers(false);

        round();

        TransferRecord failed = record(pull.taskId());
        assertThat(failed.done()).isTrue();
        assertThat(failed.items().get(0).state()).isEqualTo(ItemState.FAILED);
        assertThat(failed.items().get(0).reason()).isEqualTo("disk quota exceeded");
        assertThat(failed.messages()).anyMatch(m -> m.endsWith("failed: disk quota exceeded"));
        assertThat(images()).isEmpty();
    }

    @Test
    void pushedCopiesAreRemovedWhenThePushSucceedsAndWhenItFails() throws Exception {
        TransferRecord ok = world.push(ledger, Map.of("a_latest.sif", GlobusWorld.imageBytes("a"),
                "b_latest.sif", GlobusWorld.imageBytes("b")));
        world.awaitFinished(ok.taskId());
        world.sim.holdTransfers(true);
        TransferRecord bad = world.push(ledger, Map.of("c_latest.sif", GlobusWorld.imageBytes("c")));
        world.sim.failTask(bad.taskId(), "permission denied on /~/out/");
        world.sim.holdTransfers(false);

        round();

        TransferRecord sent = record(ok.taskId());
        assertThat(sent.done()).isTrue();
        assertThat(sent.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.CLEANED));
        assertThat(sent.messages()).anyMatch(m -> m.contains("finished; 2 images sent, staged copies removed"));
        TransferRecord refused = record(bad.taskId());
        assertThat(refused.items()).allSatisfy(i -> assertThat(i.state()).isEqualTo(ItemState.FAILED));
        assertThat(refused.messages()).anyMatch(m -> m.contains("failed: permission denied on /~/out/"));
        for (TransferItem item : List.of(sent.items().get(0), sent.items().get(1), refused.items().get(0))) {
            assertThat(Path.of(item.stagedFile())).doesNotExist();
        }
        assertThat(world.clusterRoot.resolve("out/a_latest.sif")).exists();
    }

    @Test
    void whileAPullIsActiveTheFastPathRecordsProgressAndAsksAgainIn2Seconds() throws Exception {
        world.clusterFile("slow_latest.sif", GlobusWorld.imageBytes("slow"));
        world.sim.holdTransfers(true);
        TransferRecord pull = world.pull(ledger, "slow_latest.sif", "demo/slow:latest");

        ImportRound.Outcome active = round();

        assertThat(active.watched()).isEqualTo(1);
        assertThat(active.nextDelay(Instant.now(), POLL)).isEqualTo(ImportPace.FASTEST);
        assertThat(record(pull.taskId()).progress().status()).isEqualTo("ACTIVE");
        world.sim.holdTransfers(false);
        world.awaitFinished(pull.taskId());

        ImportRound.Outcome finished = round();
        assertThat(finished.watched()).isZero();
        assertThat(finished.nextDelay(Instant.now(), POLL)).as("soon again, to remove the staged file")
                .isEqualTo(ImportPace.FASTEST);
        assertThat(images()).hasSize(1);
        assertThat(round().nextDelay(Instant.now(), POLL)).isEqualTo(POLL);
        assertThat(record(pull.taskId()).done()).isTrue();
    }

    @Test
    void aForeignTransferIntoTheStagingPathIsImportedOnlyWhenForeignImportsAreOn() throws Exception {
        world.clusterFile("web_v2.sif", GlobusWorld.imageBytes("web"));
        round(); // the cursor starts now
        String off = world.foreignTransfer("web_v2.sif", "from-web.sif");
        world.awaitFinished(off);
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30)); // past the foreign grace period
        round(setup(core, false, later, () -> { }));
        assertThat(images()).isEmpty();
        assertThat(ledger.get(off)).isEmpty();

        String on = world.foreignTransfer("web_v2.sif", "from-web-2.sif");
        world.awaitFinished(on);
        round(setup(core, true, later, () -> { }));
        round(setup(core, true, later, () -> { }));

        assertThat(images()).singleElement().satisfies(i -> {
            assertThat(i.name().withoutVersion()).isEqualTo("hpc-cluster/web:v2");
            assertThat(i.metadata()).containsEntry("globus.task_id", on);
        });
        TransferRecord foreign = record(on);
        assertThat(foreign.direction()).isEqualTo(org.sregistry.globus.transfers.Direction.FOREIGN);
        assertThat(foreign.done()).isTrue();
        assertThat(world.staging.localDir().resolve("from-web-2.sif")).doesNotExist();
    }

    @Test
    void withAThousandFinishedTasksInHistoryAnIdleRoundMakesExactlyOneRequest() throws Exception {
        world.sim.seedFinishedTasks(1000, "SUCCEEDED", world.cluster.id, world.registryEndpoint.id);
        round(); // the first round ever: starts at now, never at the beginning of the history
        world.sim.resetStats();

        round();

        assertThat(world.sim.stats()).containsOnlyKeys("GET /transfer/v0.10/task_list");
        assertThat(world.sim.requestCount("GET /transfer/v0.10/task_list")).isEqualTo(1);
    }

    @Test
    void aTaskGlobusNoLongerKnowsIsClosedAndItsStagedFilesGo() throws Exception {
        Path blob = Files.write(dir.resolve("blob.sif"), GlobusWorld.imageBytes("gone"));
        Path staged = world.staging.stage(blob, "gone_latest.sif");
        String source = world.staging.endpointPathOf(staged);
        String unknownTask = java.util.UUID.randomUUID().toString(); // e.g. history deleted at Globus
        ledger.add(new TransferRecord(unknownTask, org.sregistry.globus.transfers.Direction.PUT, "sregistry push",
                world.registryEndpoint.id, "reg", world.cluster.id, "HPC Cluster",
                List.of(TransferItem.pending(source, "/~/out/gone_latest.sif", staged.toString(), "demo/gone:latest")),
                Instant.now(), null, false, List.of("submitted")));

        round();

        TransferRecord closed = record(unknownTask);
        assertThat(closed.done()).isTrue();
        assertThat(closed.items().get(0).state()).isEqualTo(ItemState.FAILED);
        assertThat(staged).as("nothing will ever move it").doesNotExist();
    }
}
