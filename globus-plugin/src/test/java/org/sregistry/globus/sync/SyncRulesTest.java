package org.sregistry.globus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.Access;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.SyncRef;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.host.testkit.ShiftableClock;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Who may make, see, change and run which rule; what a change resets; and what a closed transfer tells its rule. Over
 * the real plugin store; who manages what is {@link SyncRunnerTest.TestAccess} (Alice manages {@code lab}).
 */
class SyncRulesTest {
    private static final String CLUSTER = "3a42f43c-1744-40dc-9b16-753d8e1589fa";
    private static final String OTHER = "cc3897ac-141c-4aed-b284-86466b2845a7";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;
    Database db;
    SyncRuleStore store;
    SyncRules rules;
    final ShiftableClock clock = ShiftableClock.startingAt(Instant.parse("2030-01-01T12:00:00Z"));
    final SyncRunnerTest.TestAccess access = new SyncRunnerTest.TestAccess();
    final List<String> audited = new CopyOnWriteArrayList<>();
    final AtomicInteger woken = new AtomicInteger();
    final Access.Caller alice = new Access.Caller("alice", "", false);
    final Access.Caller bob = new Access.Caller("bob", "", false);
    final Access.Caller admin = new Access.Caller("admin", "", true);

    @BeforeEach
    void open() {
        db = Database.open(dir);
        store = new SyncRuleStore(new JdbcPluginStore(db, "globus", Clock.systemUTC()));
        rules = new SyncRules(store, access, (action, target, details) -> audited.add(action + " " + target), clock,
                woken::incrementAndGet);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static SyncRuleInput nightly(String match) {
        return new SyncRuleInput(CLUSTER, "Cluster X", "/projects/lab/images", match, "P1D", "02:00", null, null,
                null);
    }

    private static SyncRuleInput only(String path, String every, Boolean enabled) {
        return new SyncRuleInput(null, null, path, null, every, null, null, null, enabled);
    }

    @Test
    void onlyThoseWhoManageTheCollectionMayMakeARuleAndEachSeesTheirOwn() {
        assertThatThrownBy(() -> rules.create(bob, nightly("lab/*"))).isInstanceOfSatisfying(SyncRuleException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.FORBIDDEN));
        SyncRule mine = rules.create(alice, nightly("lab/tool*"));
        SyncRule admins = rules.create(admin, nightly("elsewhere/*")); // administrators need no manager role
        assertThat(mine.path()).isEqualTo("/projects/lab/images/");
        assertThat(mine.schedule().zone()).isEqualTo("UTC");
        assertThat(mine.nextRunAt()).isEqualTo("2030-01-02T02:00:00Z");

        assertThat(rules.visibleTo(alice)).extracting(SyncRule::id).containsExactly(mine.id());
        assertThat(rules.visibleTo(bob)).isEmpty();
        assertThat(rules.visibleTo(admin)).extracting(SyncRule::id).containsExactlyInAnyOrder(mine.id(), admins.id());
        for (Runnable other : List.<Runnable>of(() -> rules.get(bob, mine.id()),
                () -> rules.update(bob, mine.id(), only(null, null, false)), () -> rules.delete(bob, mine.id()),
                () -> rules.runNow(bob, mine.id()), () -> rules.get(alice, admins.id()))) {
            assertThatThrownBy(other::run).isInstanceOfSatisfying(SyncRuleException.class,
                    e -> assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.NOT_FOUND));
        }
        assertThat(rules.update(admin, mine.id(), only(null, null, false)).enabled()).as("admins change any").isFalse();
        assertThat(audited).containsExactly("sync.create " + mine.id(), "sync.create " + admins.id(),
                "sync.update " + mine.id());
    }

    @Test
    void aCreateNamesEachMissingField() {
        for (String field : List.of("endpoint_id", "path", "match", "schedule.every", "schedule.at")) {
            SyncRuleInput missing = new SyncRuleInput(field.equals("endpoint_id") ? null : CLUSTER, null,
                    field.equals("path") ? null : "/p/", field.equals("match") ? null : "lab/*",
                    field.equals("schedule.every") ? null : "P1D", field.equals("schedule.at") ? " " : "02:00", null,
                    null, null);
            assertThatThrownBy(() -> rules.create(alice, missing)).isInstanceOfSatisfying(SyncRuleException.class,
                    e -> assertThat(e.getMessage()).isEqualTo(field + ": is required"));
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anotherDestinationForgetsWhatWasSentAndAnotherScheduleReplans() {
        SyncRule rule = rules.create(alice, nightly("lab/*"));
        store.update(rule.id(), r -> r.withSent(Map.of("lab/tool:1", DIGEST), clock.instant()));
        clock.advance(Duration.ofHours(1));

        SyncRule hourly = rules.update(alice, rule.id(), only(null, "PT1H", null));
        assertThat(hourly.nextRunAt()).as("strictly after 13:00").isEqualTo("2030-01-01T14:00:00Z");
        assertThat(hourly.sent()).as("same destination").containsKey("lab/tool:1");
        assertThat(hourly.endpointName()).isEqualTo("Cluster X");

        SyncRule moved = rules.update(alice, rule.id(), only("/elsewhere/", null, null));
        assertThat(moved.sent()).isEmpty();
        assertThat(moved.nextRunAt()).isEqualTo(hourly.nextRunAt());
        SyncRule otherCluster = rules.update(alice, rule.id(),
                new SyncRuleInput(OTHER, null, null, null, null, null, null, null, null));
        assertThat(otherCluster.endpointName()).as("a name belongs to its collection").isNull();

        assertThatThrownBy(() -> rules.update(alice, rule.id(), new SyncRuleInput(null, null, null, "other/*", null,
                null, null, null, null))).isInstanceOfSatisfying(SyncRuleException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> rules.update(alice, rule.id(), new SyncRuleInput(null, null, null, null,
                null, null, "Nowhere/Land", null, null)))
                .isInstanceOfSatisfying(SyncRuleException.class, e -> assertThat(e.field()).isEqualTo("schedule.zone"));
        assertThat(store.get(rule.id()).orElseThrow().match()).as("nothing changed by a refusal").isEqualTo("lab/*");
    }

    @Test
    void runNowPlansItForNowAndWakesTheImportTaskButNotWhenSwitchedOff() {
        SyncRule rule = rules.create(alice, nightly("lab/*"));
        SyncRule planned = rules.runNow(alice, rule.id());
        assertThat(planned.nextRunAt()).isEqualTo(clock.instant());
        assertThat(woken.get()).isEqualTo(1);
        assertThat(audited).contains("sync.run " + rule.id());

        rules.update(alice, rule.id(), only(null, null, false));
        assertThatThrownBy(() -> rules.runNow(alice, rule.id())).isInstanceOfSatisfying(SyncRuleException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.CONFLICT));
        SyncRule on = rules.update(alice, rule.id(), only(null, null, true));
        assertThat(on.nextRunAt()).as("switched on: the next slot after now").isEqualTo("2030-01-02T02:00:00Z");
        rules.delete(alice, rule.id());
        assertThat(store.get(rule.id())).isEmpty();
    }

    @Test
    void aUserHasAtMostFiftyRules() {
        for (int i = 0; i < SyncRules.MAX_PER_OWNER; i++) {
            rules.create(alice, nightly("lab/t" + i + "*"));
        }
        assertThatThrownBy(() -> rules.create(alice, nightly("lab/*"))).isInstanceOfSatisfying(SyncRuleException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.CONFLICT));
    }

    @Test
    void rulesMadeAtTheSameMomentStillStopAtFifty() throws Exception {
        for (int i = 0; i < SyncRules.MAX_PER_OWNER - 10; i++) {
            rules.create(alice, nightly("lab/t" + i + "*"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String match = "lab/p" + i + "*";
                all.add(pool.submit(() -> {
                    try {
                        rules.create(alice, nightly(match));
                    } catch (SyncRuleException refused) {
                        // expected for most of them
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rules.visibleTo(alice).size()).isLessThanOrEqualTo(SyncRules.MAX_PER_OWNER);
    }

    @Test
    void aClosedTransferTellsItsRuleWhatWasSentAndHowTheRunEnded() {
        SyncRule rule = rules.create(alice, nightly("lab/*"));
        SyncOutcomes outcomes = new SyncOutcomes(store, clock);
        store.update(rule.id(), r -> r.withLastRun(SyncRun.sending(Instant.EPOCH, clock.instant(), "sub-2", "task-2",
                2, "sending"), clock.instant()));

        // an earlier run's transfer that closes late: what it sent counts, the run shown is not its own
        outcomes.closed(record("task-1", "sub-1", rule.id(), ItemState.CLEANED, ItemState.CLEANED));
        SyncRule afterOld = store.get(rule.id()).orElseThrow();
        assertThat(afterOld.sent()).containsOnlyKeys("lab/a:1", "lab/b:1");
        assertThat(afterOld.lastRun().running()).isTrue();

        TransferRecord failed = record("task-2", "sub-2", rule.id(), ItemState.CLEANED, ItemState.FAILED);
        outcomes.closed(failed);
        outcomes.closed(failed); // a close repeated after a crash
        SyncRule ended = store.get(rule.id()).orElseThrow();
        assertThat(ended.lastRun().result()).isEqualTo(SyncRun.FAILED);
        assertThat(ended.lastRun().message()).isEqualTo("the transfer task-2 failed: permission denied");
        assertThat(ended.lastRun().finishedAt()).isEqualTo(clock.instant());

        outcomes.closed(record("task-3", "sub-3", null, ItemState.CLEANED)); // not a sync: nothing
        assertThat(store.get(rule.id()).orElseThrow()).isEqualTo(ended);
    }

    private static TransferRecord record(String task, String submission, String ruleId, ItemState... states) {
        List<TransferItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            String name = (char) ('a' + i) + "";
            items.add(TransferItem.pending("/t/x/" + name + "_1.sif", "/projects/lab/images/" + name + "_1.sif",
                    "/staging/" + name, "lab/" + name + ":1@" + DIGEST)
                    .with(states[i], "lab/" + name + ":1@" + DIGEST, states[i] == ItemState.FAILED
                            ? "permission denied" : null, 0));
        }
        return new TransferRecord(task, Direction.PUT, "sregistry sync", "registry", "reg", CLUSTER, "Cluster X",
                items, Instant.EPOCH, null, true, List.of("done"), submission, "alice")
                .withSync(ruleId == null ? null : new SyncRef(ruleId, 3));
    }
}
