package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * A registry process that dies between "image added to the store" and "ledger committed" (the test
 * hook {@value ImportTestHooks#CRASH_AFTER_ADD} halts the JVM there), restarted: one image, the
 * ledger says imported, the staged file is gone, and the store holds exactly one blob.
 */
class CrashAfterAddIT {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledBetweenAddAndLedgerCommitEndsWithOneImageAfterRestart() throws Exception {
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"))) {
            Path dataDir = Files.createDirectories(dir.resolve("registry"));
            Files.createDirectories(dataDir.resolve("plugins"));
            Files.copy(ImportHost.pluginJar(), dataDir.resolve("plugins").resolve(ImportHost.pluginJar().getFileName()));
            Files.writeString(dataDir.resolve("registry.properties"), world.registrySettings(1).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            world.logIn(dataDir);
            world.clusterFile("crash_v1.sif", GlobusWorld.imageBytes("crash"));
            TransferRecord pull;
            try (Database db = Database.open(dataDir)) {
                pull = world.pull(new TransferLedger(new JdbcPluginStore(db, "globus", Clock.systemUTC())),
                        "crash_v1.sif", "demo/crash:v1");
            }
            world.awaitFinished(pull.taskId());
            Path staged = Path.of(pull.items().get(0).stagedFile());

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process crashing = new ProcessBuilder(java, "-D" + ImportTestHooks.CRASH_AFTER_ADD + "=true",
                    "-cp", System.getProperty("java.class.path"), "org.sregistry.host.Main",
                    "--port", "0", "--data-dir", dataDir.toString(), "--globus")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("crashing.log").toFile()).start();
            boolean ended = crashing.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                crashing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(ended).as(Files.readString(dir.resolve("crashing.log"))).isTrue();
            assertThat(crashing.exitValue()).isEqualTo(ImportTestHooks.CRASH_STATUS);
            assertThat(staged).as("the staged file stays until the ledger says imported").exists();

            try (ImportHost host = ImportHost.start(world, dataDir, 1)) {
                TransferRecord done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> host.ledger.get(pull.taskId()).orElseThrow(), TransferRecord::done);
                assertThat(done.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
                assertThat(done.messages()).anyMatch(m -> m.contains("the registry had it already"));
                assertThat(host.registry.admin().get("/api/containers").body()).contains("\"total\":1");
                assertThat(host.registry.admin().get("/api/container/demo/crash:v1").statusCode()).isEqualTo(200);
                assertThat(staged).doesNotExist();
                assertThat(host.blobFiles()).as("no orphan blob").isEqualTo(1);
                assertThat(List.of(host.status().failures())).containsExactly(0L);
            }
        }
    }
}
