package org.sregistry.globus.imports;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.host.scheduler.TaskStatus;
import org.sregistry.host.testkit.RegistryExtension;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * A real registry with the built plugin jar, pointed at a {@link GlobusWorld}, plus what the import
 * tests need around it: the plugin's ledger (a second view of the same embedded database, as a
 * second registry process would have), "Run now" for the import task, and the image store's files.
 */
public final class ImportHost implements AutoCloseable {
    public final RegistryExtension registry;
    final Database database;
    public final TransferLedger ledger;

    private ImportHost(RegistryExtension registry) {
        this.registry = registry;
        this.database = Database.open(registry.dataDir());
        this.ledger = new TransferLedger(new JdbcPluginStore(database, "globus", Clock.systemUTC()));
    }

    /** Starts a registry on {@code dataDir} logged in to {@code world}, ticking by hand unless {@code pollSeconds} is short. */
    public static ImportHost start(GlobusWorld world, Path dataDir, int pollSeconds) throws Exception {
        return start(world, dataDir, pollSeconds, java.util.Map.of());
    }

    /** The same, with more plugin settings ({@code extra}) in the config file. */
    public static ImportHost start(GlobusWorld world, Path dataDir, int pollSeconds,
                                   java.util.Map<String, String> extra) throws Exception {
        return start(world, dataDir, pollSeconds, extra, Clock.systemUTC());
    }

    /** The same, on {@code clock} (the server's and the plugin's). */
    public static ImportHost start(GlobusWorld world, Path dataDir, int pollSeconds,
                                   java.util.Map<String, String> extra, Clock clock) throws Exception {
        Files.createDirectories(dataDir);
        world.logIn(dataDir);
        RegistryExtension.Builder builder = RegistryExtension.builder().plugin(pluginJar()).enable("globus")
                .dataDir(dataDir).clock(clock);
        world.registrySettings(pollSeconds).forEach(builder::config);
        extra.forEach(builder::config);
        ImportHost host = new ImportHost(builder.start());
        await().atMost(Duration.ofSeconds(30)).until(() -> host.status().runs() >= 1); // the first run after start
        return host;
    }

    /** {@code target/globus-plugin-<version>.jar}, built by {@code package} before the integration tests. */
    static Path pluginJar() throws IOException {
        String given = System.getProperty("globus.plugin.jar"); // set by the bench profile, which runs from the reactor root
        if (given != null) {
            return Path.of(given);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("globus-plugin-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run mvn package first"));
        }
    }

    /** The import task's status on /settings. */
    public TaskStatus status() {
        return registry.server().scheduler().statuses().stream()
                .filter(s -> s.pluginId().equals("globus") && s.name().equals(GlobusImportTask.NAME))
                .findFirst().orElseThrow(() -> new AssertionError("no globus-import task scheduled"));
    }

    /** "Run now", and wait for that run to end. */
    public TaskStatus tick() {
        long before = status().runs();
        registry.server().scheduler().runNow("globus", GlobusImportTask.NAME);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> status().runs() > before);
        return status();
    }

    /** Blob files in the image store. */
    long blobFiles() throws IOException {
        Path images = registry.dataDir().resolve("images");
        if (!Files.exists(images)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(images)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Override
    public void close() {
        database.close();
        registry.close();
    }
}
