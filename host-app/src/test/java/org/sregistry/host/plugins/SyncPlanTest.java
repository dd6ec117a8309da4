package org.sregistry.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a rescan does for each way the jars on disk can differ from what runs. */
class SyncPlanTest {
    private static final Path WEBHOOK = Path.of("/p/webhook.jar");
    private static final Path WEBHOOK_11 = Path.of("/p/webhook-1.1.0.jar");
    private static final PluginFolders.Fingerprint V1 = new PluginFolders.Fingerprint(100, 1, "inode-1");
    private static final PluginFolders.Fingerprint V2 = new PluginFolders.Fingerprint(120, 2, "inode-2");

    @Test
    void anUnchangedJarIsLeftAlone() {
        SyncPlan plan = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(), List.of(jar(WEBHOOK, V1, "1.0.0")),
                Map.of());
        assertThat(plan.drop()).isEmpty();
        assertThat(plan.load()).isEmpty();
    }

    @Test
    void aChangedJarReplacesThePluginThatRuns() {
        SyncPlan plan = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(), List.of(jar(WEBHOOK, V2, "1.0.1")),
                Map.of());
        assertThat(plan.drop()).containsOnlyKeys("webhook");
        assertThat(plan.load()).extracting(JarChoice.Candidate::version).containsExactly("1.0.1");
    }

    @Test
    void aHigherVersionUnderAnotherNameReplacesIt() {
        SyncPlan plan = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(),
                List.of(jar(WEBHOOK, V1, "1.0.0"), jar(WEBHOOK_11, V2, "1.1.0")), Map.of());
        assertThat(plan.drop().get("webhook")).isEqualTo("replaced by webhook-1.1.0.jar 1.1.0");
        assertThat(plan.load()).extracting(JarChoice.Candidate::jar).containsExactly(WEBHOOK_11);
    }

    @Test
    void aGoneJarUnloadsAndNothingRemembersIt() {
        SyncPlan gone = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(), List.of(), Map.of());
        assertThat(gone.drop()).containsOnlyKeys("webhook");
        // the old file is gone and a newer one came: it loads, nothing is "already loaded"
        SyncPlan swapped = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(), List.of(jar(WEBHOOK_11, V2, "1.1.0")),
                Map.of());
        assertThat(swapped.drop()).containsOnlyKeys("webhook");
        assertThat(swapped.load()).extracting(JarChoice.Candidate::jar).containsExactly(WEBHOOK_11);
    }

    @Test
    void aJarBeingRewrittenKeepsItsPluginRunning() {
        SyncPlan plan = plan(Map.of("webhook", known(WEBHOOK, V1)), Set.of(WEBHOOK), List.of(), Map.of());
        assertThat(plan.drop()).isEmpty();
        assertThat(plan.load()).isEmpty();
    }

    @Test
    void anUnusableJarIsListedOnceAndNeverHidesARealPlugin() {
        Map<Path, SyncPlan.Broken> broken = Map.of(WEBHOOK, new SyncPlan.Broken(V1, "cannot load webhook.jar"));
        SyncPlan first = plan(Map.of(), Set.of(), List.of(), broken);
        assertThat(first.broken()).containsOnlyKeys(WEBHOOK);
        SyncPlan again = plan(Map.of("webhook", new SyncPlan.Known(WEBHOOK, V1, false)), Set.of(), List.of(), broken);
        assertThat(again.broken()).as("listed already").isEmpty();
        assertThat(again.drop()).isEmpty();
        SyncPlan inTheWay = plan(Map.of("webhook", new SyncPlan.Known(WEBHOOK, V1, false)), Set.of(),
                List.of(jar(WEBHOOK_11, V2, "1.1.0")), broken);
        assertThat(inTheWay.drop()).containsOnlyKeys("webhook");
        assertThat(inTheWay.load()).extracting(JarChoice.Candidate::jar).containsExactly(WEBHOOK_11);
        assertThat(inTheWay.broken()).as("listed again, under its file name").containsOnlyKeys(WEBHOOK);
    }

    private static SyncPlan plan(Map<String, SyncPlan.Known> known, Set<Path> pending, List<JarChoice.Candidate> ready,
                                 Map<Path, SyncPlan.Broken> broken) {
        Map<String, Path> running = new java.util.HashMap<>();
        known.forEach((id, k) -> running.put(id, k.jar()));
        return SyncPlan.of(known, pending, JarChoice.choose(ready, running, Comparator.naturalOrder()), broken);
    }

    private static SyncPlan.Known known(Path jar, PluginFolders.Fingerprint fingerprint) {
        return new SyncPlan.Known(jar, fingerprint, true);
    }

    private static JarChoice.Candidate jar(Path jar, PluginFolders.Fingerprint fingerprint, String version) {
        return new JarChoice.Candidate(new PluginFolders.Found(jar, fingerprint, false), "webhook", version);
    }
}
