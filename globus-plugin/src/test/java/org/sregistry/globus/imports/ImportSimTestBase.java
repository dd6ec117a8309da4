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
 * What the import tests against the real simulator and the real registry core (database, blob store) share: a
 * Globus world, a registry that can be re-opened like a restarted process, its ledger, intents, cursor and
 * quarantine folder, and rounds of the import task over them.
 */
abstract class ImportSimTestBase {
    static final Duration POLL = Duration.ofSeconds(30);
    static final TaskContext RUNNING = new TaskContext() {
        @Override
        public Instant startedAt() {
            return Instant.now();
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    };

    @TempDir
    Path dir;
    GlobusWorld world;
    Path registryDir;
    Database db;
    JdbcRegistryService core;
    TransferLedger ledger;
    SubmitIntents intents;
    Submissions submissions;
    ImportCursorStore cursors;
    Quarantine quarantine;

    /** Thrown by the crash hook: stands for the process dying between the registry add and the ledger commit. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @BeforeEach
    void start() throws Exception {
        world = new GlobusWorld(dir);
        registryDir = dir.resolve("registry");
        openRegistry();
    }

    /** Opens (or re-opens, like a restarted process) the registry database and store. */
    void openRegistry() {
        db = Database.open(registryDir);
        core = new JdbcRegistryService(db, registryDir, Clock.systemUTC(), Long.MAX_VALUE);
        JdbcPluginStore store = new JdbcPluginStore(db, "globus", Clock.systemUTC());
        ledger = new TransferLedger(store);
        intents = new SubmitIntents(store);
        submissions = new Submissions(ledger, intents, Clock.systemUTC());
        cursors = new ImportCursorStore(store);
        quarantine = new Quarantine(registryDir.resolve("plugin-data/globus/quarantine"));
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

    ImportSetup setup(JdbcRegistryService registry, boolean importForeign, Clock clock, Runnable afterAdd) {
        return setup(registry.forPlugin("globus"), importForeign, clock, afterAdd);
    }

    ImportSetup setup(RegistryService registry, boolean importForeign, Clock clock, Runnable afterAdd) {
        return new ImportSetup(world.transfer, org.sregistry.globus.transfers.TransferClients.only(world.transfer), registry, ledger, submissions, cursors,
                world.staging, quarantine, world.registryEndpoint.id, importForeign, clock, afterAdd, OpenAccess.INSTANCE,
                OpenAccess.NO_AUDIT);
    }

    ImportRound.Outcome round() {
        return round(setup(core, true, Clock.systemUTC(), () -> { }));
    }

    static ImportRound.Outcome round(ImportSetup setup) {
        return new ImportRound(setup, new ImportPace(), true).run(RUNNING, POLL);
    }

    List<ImageInfo> images() {
        return core.list(ImageQuery.all()).items();
    }

    TransferRecord record(String taskId) {
        return ledger.get(taskId).orElseThrow();
    }

    /** A clock {@code ahead} of the real one (past grace periods and backoffs, without waiting). */
    static Clock later(Duration ahead) {
        return Clock.offset(Clock.systemUTC(), ahead);
    }

    /** Plugin settings pointing at the world (for a real {@link org.sregistry.globus.transfers.TransferSubmitter}). */
    org.sregistry.globus.config.GlobusSettings settings() {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                org.sregistry.globus.config.GlobusKeys.ENDPOINT, world.registryEndpoint.id,
                org.sregistry.globus.config.GlobusKeys.STAGING_DIR, world.staging.localDir().toString(),
                org.sregistry.globus.config.GlobusKeys.STAGING_PATH, GlobusWorld.STAGING_PATH));
        return new org.sregistry.globus.config.GlobusSettings(new org.sregistry.api.PluginConfig() {
            @Override
            public java.util.Optional<String> find(String key) {
                return java.util.Optional.ofNullable(values.get(key));
            }

            @Override
            public void set(String key, String value) {
                values.put(key, value);
            }
        }, registryDir);
    }
}
