package org.sregistry.globus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.PluginConfig;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.client.LoginRequiredException;
import org.sregistry.globus.config.GlobusKeys;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.imports.GlobusWorld;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferClients;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globus.transfers.TransferSubmitter;
import org.sregistry.globussim.SimTask;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * The runner over real parts: the registry core (database, blob store), the plugin store, the normal Send
 * ({@link TransferSubmitter}) and the Globus simulator, on a clock the test moves. Who may pull and manage is a
 * small {@link Access} of the test's; a refused login is a {@link SyncSender} that throws. The settler's part (the
 * task ended, every file sent) is played by {@link #closeWhenFinished}.
 */
class SyncRunnerTest {
    private static final String POST_TRANSFER = "POST /transfer/v0.10/transfer";
    private static final String SUBMISSION_ID = "GET /transfer/v0.10/submission_id";

    @TempDir
    Path dir;
    GlobusWorld world;
    Database db;
    JdbcRegistryService core;
    RegistryService registry;
    JdbcPluginStore store;
    TransferLedger ledger;
    Submissions submissions;
    SyncRuleStore rules;
    final ShiftableClock clock = ShiftableClock.startingAt(Instant.parse("2030-01-01T12:00:00Z"));
    final TestAccess access = new TestAccess();
    final List<String> audited = new CopyOnWriteArrayList<>();
    final List<String> refusedLogins = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = new GlobusWorld(dir.resolve("globus"));
        db = Database.open(dir.resolve("registry"));
        core = new JdbcRegistryService(db, dir.resolve("registry"), Clock.systemUTC(), Long.MAX_VALUE);
        registry = core.forPlugin("globus");
        store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        ledger = new TransferLedger(store);
        submissions = new Submissions(ledger, new SubmitIntents(store), clock);
        rules = new SyncRuleStore(store);
    }

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
        if (world != null) {
            world.close();
        }
    }

    /** A runner as one registry process has it (another store over the same database is another process). */
    private SyncRunner runner(SyncSender sender) {
        JdbcPluginStore own = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        AuditLog audit = new AuditLog() {
            @Override
            public void record(String action, String target, Map<String, String> details) {
                audited.add(action + " " + target);
            }

            @Override
            public void recordFor(Access.Caller who, String action, String target, Map<String, String> details) {
                audited.add(who.username() + " " + action + " " + details.get("sync_rule"));
            }
        };
        return SyncRunner.create(new SyncRuleStore(own), access, registry, sender, new TransferLedger(own),
                new SubmitIntents(own), clock, owner -> {
                    refusedLogins.add(owner);
                    return SyncAttempt.credentials(owner);
                }, audit);
    }

    private SyncRunner runner() {
        return runner(SyncSender.of(new TransferSubmitter(registry, settings(), submissions,
                TransferClients.only(world.transfer), clock, () -> { })));
    }

    private GlobusSettings settings() {
        Map<String, String> values = new HashMap<>(Map.of(GlobusKeys.ENDPOINT, world.registryEndpoint.id,
                GlobusKeys.STAGING_DIR, world.staging.localDir().toString(),
                GlobusKeys.STAGING_PATH, world.staging.endpointPath()));
        return new GlobusSettings(new PluginConfig() {
            @Override
            public Optional<String> find(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void set(String key, String value) {
                values.put(key, value);
            }
        }, dir.resolve("registry"));
    }

    private void image(String uri) throws Exception {
        registry.add(Files.write(dir.resolve("in.sif"), GlobusWorld.imageBytes(uri)), uri, Map.of());
    }

    /** Alice's nightly rule for {@code match}, made as she would through the API. */
    private SyncRule rule(String match) {
        SyncRules api = new SyncRules(rules, access, (a, t, d) -> { }, clock, () -> { });
        return api.create(access.user("alice").orElseThrow(), new SyncRuleInput(world.cluster.id, null,
                "/projects/lab/images/", match, "P1D", "02:00", "Europe/Berlin", null, null));
    }

    private SyncRule stored(String id) {
        return rules.get(id).orElseThrow();
    }

    /** Moves the clock just past the rule's next run. */
    private void pastNextRun(String id) {
        clock.advance(Duration.between(clock.instant(), stored(id).nextRunAt()).plusSeconds(30));
    }

    /** What the settler does when the task ended well: every item sent, the record closed, the rule told. */
    private TransferRecord closeWhenFinished(SyncRunner runner, String taskId) {
        world.awaitFinished(taskId);
        TransferRecord closed = ledger.update(taskId, r -> r.withEveryItem(i -> i.with(ItemState.CLEANED,
                i.imageUri(), null, i.attempts())).withDone(true)).orElseThrow();
        runner.closed(closed);
        return closed;
    }

    private List<SimTask> syncTasks(String id) {
        return world.sim.tasks().stream().filter(t -> ("sregistry sync " + id).equals(t.label())).toList();
    }

    @Test
    void aDueRuleSendsTheOwnersMatchingImagesOnceWithChecksumSyncAndItsLabel() throws Exception {
        image("lab/tool:1");
        image("lab/tool:2");
        image("lab/toolkit:1");
        image("lab/tool-hidden:1"); // alice may not pull it
        image("lab/other:1");
        image("other/tool:1");
        SyncRule rule = rule("lab/tool*");
        assertThat(rule.nextRunAt()).isEqualTo("2030-01-02T01:00:00Z"); // 02:00 in Berlin
        SyncRunner runner = runner();
        world.sim.resetStats();

        runner.runDue(() -> false);
        assertThat(world.sim.stats()).as("not due yet").isEmpty();

        pastNextRun(rule.id());
        runner.runDue(() -> false);
        List<SimTask> sent = syncTasks(rule.id());
        assertThat(sent).hasSize(1);
        SimTask task = sent.get(0);
        assertThat(task.syncLevel()).isEqualTo(3);
        assertThat(task.deleteDestinationExtra()).isFalse();
        assertThat(task.destinationEndpointId()).isEqualTo(world.cluster.id);
        assertThat(task.items()).extracting(SimTask.Item::destinationPath).containsExactlyInAnyOrder(
                "/projects/lab/images/tool_1.sif", "/projects/lab/images/tool_2.sif",
                "/projects/lab/images/toolkit_1.sif");
        SyncRule running = stored(rule.id());
        assertThat(running.lastRun().result()).isEqualTo(SyncRun.RUNNING);
        assertThat(running.lastRun().taskId()).isEqualTo(task.taskId());
        assertThat(running.lastRun().images()).isEqualTo(3);
        assertThat(running.nextRunAt()).isEqualTo("2030-01-03T01:00:00Z");
        assertThat(ledger.get(task.taskId()).orElseThrow().sync()).isEqualTo(
                new org.sregistry.globus.transfers.SyncRef(rule.id(), 3));
        assertThat(audited).contains("alice transfer.put " + rule.id());

        runner.runDue(() -> false);
        assertThat(world.sim.requestCount(POST_TRANSFER)).as("one run per slot").isEqualTo(1);

        closeWhenFinished(runner, task.taskId());
        SyncRule done = stored(rule.id());
        assertThat(done.lastRun().result()).isEqualTo(SyncRun.OK);
        assertThat(done.lastRun().message()).startsWith("3 new images sent to HPC Cluster /projects/lab/images/");
        assertThat(done.endpointName()).isEqualTo("HPC Cluster");
        assertThat(done.sent()).containsOnlyKeys("lab/tool:1", "lab/tool:2", "lab/toolkit:1");
        assertThat(done.sent().get("lab/tool:1")).isEqualTo(registry.get("lab/tool:1").orElseThrow().version());
        assertThat(world.clusterRoot.resolve("projects/lab/images/tool_2.sif"))
                .hasBinaryContent(Files.readAllBytes(registry.blobFile(registry.get("lab/tool:2").orElseThrow())));
    }

    @Test
    void twoProcessesRunASlotOnce() throws Exception {
        image("lab/tool:1");
        SyncRule rule = rule("lab/*");
        pastNextRun(rule.id());
        SyncRunner one = runner();
        SyncRunner two = runner();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = List.of(pool.submit(() -> {
                together.await();
                one.runDue(() -> false);
                return null;
            }), pool.submit(() -> {
                together.await();
                two.runDue(() -> false);
                return null;
            }));
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(syncTasks(rule.id())).hasSize(1);
        assertThat(stored(rule.id()).lastRun().result()).isEqualTo(SyncRun.RUNNING);
    }

    @Test
    void nothingNewAsksNothingOfGlobusAndANewTagIsTheOnlyOneSent() throws Exception {
        image("lab/tool:1");
        image("lab/tool:2");
        SyncRule rule = rule("lab/*");
        SyncRunner runner = runner();
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        closeWhenFinished(runner, syncTasks(rule.id()).get(0).taskId());

        world.sim.resetStats();
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        SyncRule quiet = stored(rule.id());
        assertThat(quiet.lastRun().result()).isEqualTo(SyncRun.NOTHING_NEW);
        assertThat(quiet.lastRun().message()).isEqualTo("nothing new: the 2 images matching lab/* were sent already");
        assertThat(world.sim.stats()).as("no Globus request at all").isEmpty();

        image("lab/tool:3");
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        assertThat(syncTasks(rule.id())).hasSize(2);
        SimTask second = world.sim.task(stored(rule.id()).lastRun().taskId());
        assertThat(second.items()).extracting(SimTask.Item::destinationPath)
                .containsExactly("/projects/lab/images/tool_3.sif");
        closeWhenFinished(runner, second.taskId());
        assertThat(stored(rule.id()).sent()).containsOnlyKeys("lab/tool:1", "lab/tool:2", "lab/tool:3");
        assertThat(stored(rule.id()).lastRun().message()).startsWith("1 new image sent to");
    }

    @Test
    void aLostMemoryOfWhatWasSentIsSkippedByChecksumAtGlobus() throws Exception {
        image("lab/tool:1");
        image("lab/tool:2");
        SyncRule rule = rule("lab/*");
        SyncRunner runner = runner();
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        closeWhenFinished(runner, syncTasks(rule.id()).get(0).taskId());

        rules.update(rule.id(), r -> r.withSent(Map.of(), clock.instant()));
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        assertThat(syncTasks(rule.id())).hasSize(2);
        SimTask again = world.sim.task(stored(rule.id()).lastRun().taskId());
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(world.sim.task(again.taskId()).status()));
        SimTask finished = world.sim.task(again.taskId());
        assertThat(finished.filesSkipped()).as("already there with the same checksum").isEqualTo(2);
        assertThat(finished.filesTransferred()).isZero();
        closeWhenFinished(runner, again.taskId());
        assertThat(stored(rule.id()).sent()).containsOnlyKeys("lab/tool:1", "lab/tool:2");
    }

    @Test
    void missedSlotsAreNotCaughtUpAndARunWaitsForThePreviousTransfer() throws Exception {
        image("lab/tool:1");
        SyncRule rule = rule("lab/*");
        SyncRunner runner = runner();
        world.sim.holdTransfers(true);
        try {
            clock.advance(Duration.ofDays(3)); // three nights missed: one run
            runner.runDue(() -> false);
            runner.runDue(() -> false);
            assertThat(syncTasks(rule.id())).hasSize(1);
            assertThat(stored(rule.id()).nextRunAt()).isAfter(clock.instant())
                    .isBefore(clock.instant().plus(Duration.ofDays(1)));

            image("lab/tool:2");
            pastNextRun(rule.id());
            runner.runDue(() -> false);
            SyncRule waited = stored(rule.id());
            assertThat(waited.lastRun().result()).isEqualTo(SyncRun.SKIPPED);
            assertThat(waited.lastRun().message()).contains("has not ended yet");
            assertThat(syncTasks(rule.id())).as("no second transfer while the first runs").hasSize(1);
        } finally {
            world.sim.holdTransfers(false);
        }
    }

    @Test
    void aRefusedLoginFailsTheRunInPlainWordsAndTheNextRunIsPlanned() throws Exception {
        image("lab/tool:1");
        SyncRule rule = rule("lab/*");
        SyncRunner runner = runner((r, uris, owner) -> {
            throw LoginRequiredException.noTokens("transfer.api.globus.org", "No Globus token stored");
        });
        pastNextRun(rule.id());
        Instant ranAt = clock.instant();
        runner.runDue(() -> false);
        SyncRule failed = stored(rule.id());
        assertThat(failed.lastRun().result()).isEqualTo(SyncRun.FAILED);
        assertThat(failed.lastRun().message()).isEqualTo(
                "alice's Globus credentials need to be updated (connect again on the Globus page)");
        assertThat(failed.nextRunAt()).isAfter(ranAt);
        assertThat(refusedLogins).containsExactly("alice");
    }

    @Test
    void anOwnerWhoNoLongerManagesTheCollectionOrIsGoneSendsNothing() throws Exception {
        image("lab/tool:1");
        SyncRule rule = rule("lab/*");
        SyncRunner runner = runner();
        world.sim.resetStats();
        access.managers.remove("alice/lab");
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        assertThat(stored(rule.id()).lastRun().message()).isEqualTo("alice may no longer manage collection lab");
        access.gone.add("alice");
        pastNextRun(rule.id());
        runner.runDue(() -> false);
        assertThat(stored(rule.id()).lastRun().result()).isEqualTo(SyncRun.FAILED);
        assertThat(stored(rule.id()).lastRun().message()).isEqualTo("alice's account no longer exists or is disabled");
        assertThat(world.sim.stats()).isEmpty();
    }

    @Test
    void aSwitchedOffRuleDoesNotRunAndSwitchingItOnPlansFromNow() throws Exception {
        image("lab/tool:1");
        SyncRule rule = rule("lab/*");
        SyncRules api = new SyncRules(rules, access, (a, t, d) -> { }, clock, () -> { });
        Access.Caller alice = access.user("alice").orElseThrow();
        api.update(alice, rule.id(), new SyncRuleInput(null, null, null, null, null, null, null, null, false));
        clock.advance(Duration.ofDays(2));
        SyncRunner runner = runner();
        world.sim.resetStats();
        runner.runDue(() -> false);
        assertThat(world.sim.stats()).isEmpty();
        SyncRule on = api.update(alice, rule.id(), new SyncRuleInput(null, null, null, null, null, null, null, null,
                true));
        assertThat(on.nextRunAt()).isAfter(clock.instant());
        runner.runDue(() -> false);
        assertThat(world.sim.stats()).as("the missed slots are not run").isEmpty();
    }

    /** Alice manages {@code lab}; nobody may pull {@code lab/tool-hidden}; users in {@link #gone} do not exist. */
    static final class TestAccess implements Access {
        final Set<String> managers = ConcurrentHashMap.newKeySet();
        final Set<String> gone = ConcurrentHashMap.newKeySet();

        TestAccess() {
            managers.add("alice/lab");
        }

        @Override
        public Optional<Caller> caller() {
            return Optional.empty();
        }

        @Override
        public Optional<Caller> user(String username) {
            return gone.contains(username) ? Optional.empty() : Optional.of(new Caller(username, "", false));
        }

        @Override
        public boolean mayPull(Caller caller, String imageUri) {
            return !imageUri.startsWith("lab/tool-hidden");
        }

        @Override
        public boolean mayPush(Caller caller, String collection) {
            return false;
        }

        @Override
        public boolean mayManage(Caller caller, String collection) {
            return managers.contains(caller.username() + "/" + collection);
        }
    }
}
