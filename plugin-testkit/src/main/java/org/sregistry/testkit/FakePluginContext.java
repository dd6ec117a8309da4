package org.sregistry.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.sregistry.api.Access;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.Mail;
import org.sregistry.api.PageRenderer;
import org.sregistry.api.PluginContext;
import org.sregistry.api.RegistryService;
import org.sregistry.api.Secrets;
import org.sregistry.api.SignInGrants;
import org.sregistry.api.TaskContext;

/**
 * A {@link PluginContext} for unit tests: a plugin's classes take it in their constructors exactly as they take the
 * host's, and nothing boots. Faked, in memory: {@link #config()} (from a map, with the plugin's declared options),
 * {@link #store()} (with the host's compare-and-set semantics), {@link #clock()} (stands still until moved),
 * {@link #audit()} (calls are captured, see {@link #audited()}), {@link #pages()} ({@link FakePages}: a bare HTML
 * page around the body), {@link #runTaskSoon} (requests are captured), {@link #dataDir()} (a temp folder),
 * {@link #metrics()} (a Micrometer {@code SimpleMeterRegistry}, names and tags as on the host). Not
 * faked: {@link #registry()}, {@link #access()}, {@link #secrets()}, {@link #signInGrants()} and {@link #mail()} throw
 * {@link UnsupportedOperationException} saying so until a test gives its own with {@code withRegistry(...)} and so on
 * (or tests that class on the real host with the host's {@code RegistryExtension}).
 *
 * <pre>{@code
 * FakePluginContext context = FakePluginContext.of("hello")
 *         .withOptions(new HelloOptions())                        // the plugin's defaults and validators
 *         .withConfig("PLUGIN_HELLO_GREETING", "howdy");
 * HelloTask task = new HelloTask(context);
 * task.run(context.taskContext());
 * context.clock().advance(Duration.ofMinutes(5));
 * task.run(context.taskContext());
 * assertThat(context.store().get("runs", "count")).contains("2");
 * assertThat(context.audited()).extracting(FakeAuditLog.Entry::action).contains("greeted");
 * assertThat(context.metrics().counter("greetings").count()).isEqualTo(2.0);   // hello_greetings_total on the host
 * }</pre>
 *
 * <p>Safe to share between threads (each faked facet is). Close it (or use a JUnit {@code @TempDir} with
 * {@link #withHostDataDir}) to delete the temp folder it made.
 */
public final class FakePluginContext implements PluginContext, AutoCloseable {

    private final String pluginId;
    private final FakeClock clock = new FakeClock();
    private final FakePluginConfig config = new FakePluginConfig();
    private final FakeAuditLog audit = new FakeAuditLog();
    private final List<String> tasksRunSoon = new ArrayList<>();
    private volatile FakePluginStore store = new FakePluginStore(clock);
    private volatile PageRenderer pages = new FakePages();
    private final MeterRegistry metrics;
    private volatile RegistryService registry;
    private volatile Access access;
    private volatile Secrets secrets;
    private volatile SignInGrants signInGrants;
    private volatile Mail mail;
    private volatile Path hostDataDir;
    private volatile boolean ownHostDataDir;
    private volatile boolean cliMode;

    /** A context for the plugin {@code pluginId} (its descriptor's {@code plugin.id}). */
    public FakePluginContext(String pluginId) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.metrics = ScopedMeters.of(pluginId);
    }

    /** A context for the plugin {@code pluginId}. */
    public static FakePluginContext of(String pluginId) {
        return new FakePluginContext(pluginId);
    }

    // ---- configuring the fake -------------------------------------------------------------------------------------

    /** Declares the plugin's options (their defaults, generated defaults and validators apply). */
    public FakePluginContext withOptions(ConfigContributor contributor) {
        return withOptions(contributor.options());
    }

    /** Declares options (their defaults, generated defaults and validators apply). */
    public FakePluginContext withOptions(List<ConfigOption> options) {
        config.declare(options);
        return this;
    }

    /** A configuration value (unchecked, as if in the config file). */
    public FakePluginContext withConfig(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Configuration values (unchecked, as if in the config file). */
    public FakePluginContext withConfig(Map<String, String> values) {
        config.putAll(values);
        return this;
    }

    /** Puts the clock at {@code instant} (it starts at {@link FakeClock#DEFAULT_START}). */
    public FakePluginContext withClockAt(Instant instant) {
        clock.set(instant);
        return this;
    }

    /**
     * Uses {@code existing} as the store, e.g. the store of a previous context to test what a restarted plugin finds.
     * Its records keep the times of the clock it was made with.
     */
    public FakePluginContext withStore(FakePluginStore existing) {
        this.store = Objects.requireNonNull(existing, "existing");
        return this;
    }

    /** The host data dir ({@code dataDir()} is {@code <it>/plugin-data/<id>}); default: a temp folder made on first use. */
    public FakePluginContext withHostDataDir(Path dir) {
        this.hostDataDir = Objects.requireNonNull(dir, "dir");
        this.ownHostDataDir = false;
        return this;
    }

    /** Runs as in the CLI ({@code registry <command>}): {@link #cliMode()} is true and {@link #dataDir()} is not made. */
    public FakePluginContext withCliMode(boolean cli) {
        this.cliMode = cli;
        return this;
    }

    /** A page renderer instead of {@link FakePages}. */
    public FakePluginContext withPages(PageRenderer renderer) {
        this.pages = Objects.requireNonNull(renderer, "renderer");
        return this;
    }

    /** A registry (e.g. a fake of your own); without one {@link #registry()} throws. */
    public FakePluginContext withRegistry(RegistryService service) {
        this.registry = Objects.requireNonNull(service, "service");
        return this;
    }

    /** An access check (e.g. a lambda-backed fake); without one {@link #access()} throws. */
    public FakePluginContext withAccess(Access checks) {
        this.access = Objects.requireNonNull(checks, "checks");
        return this;
    }

    /** Secrets; without them {@link #secrets()} throws. */
    public FakePluginContext withSecrets(Secrets sealer) {
        this.secrets = Objects.requireNonNull(sealer, "sealer");
        return this;
    }

    /** Sign-in grants; without them {@link #signInGrants()} throws. */
    public FakePluginContext withSignInGrants(SignInGrants grants) {
        this.signInGrants = Objects.requireNonNull(grants, "grants");
        return this;
    }

    /** Mail; without it {@link #mail()} throws. */
    public FakePluginContext withMail(Mail sender) {
        this.mail = Objects.requireNonNull(sender, "sender");
        return this;
    }

    // ---- what a test reads back -----------------------------------------------------------------------------------

    /** Every audit call so far, oldest first (a copy; the same as {@code audit().entries()}). */
    public List<FakeAuditLog.Entry> audited() {
        return audit.entries();
    }

    /** The task names given to {@link #runTaskSoon} so far, oldest first (a copy). */
    public List<String> tasksRunSoon() {
        synchronized (tasksRunSoon) {
            return List.copyOf(tasksRunSoon);
        }
    }

    /** A {@link TaskContext} for calling a {@code ScheduledTask}'s {@code run} by hand: started now, not stopping. */
    public TaskContext taskContext() {
        return taskContext(false);
    }

    /** A {@link TaskContext} started now; {@code stopRequested} as given (true: the host is disabling the plugin). */
    public TaskContext taskContext(boolean stopRequested) {
        Instant started = clock.instant();
        return new TaskContext() {
            @Override
            public Instant startedAt() {
                return started;
            }

            @Override
            public boolean stopRequested() {
                return stopRequested;
            }
        };
    }

    // ---- PluginContext --------------------------------------------------------------------------------------------

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public FakePluginConfig config() {
        return config;
    }

    @Override
    public FakePluginStore store() {
        return store;
    }

    @Override
    public PageRenderer pages() {
        return pages;
    }

    @Override
    public FakeClock clock() {
        return clock;
    }

    /** {@code <host data dir>/plugin-data/<id>}, made on first call (not in {@link #withCliMode CLI mode}). */
    @Override
    public Path dataDir() {
        Path dir = hostDataDir().resolve("plugin-data").resolve(pluginId);
        if (!cliMode) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
        }
        return dir;
    }

    @Override
    public synchronized Path hostDataDir() {
        if (hostDataDir == null) {
            try {
                hostDataDir = Files.createTempDirectory("fake-plugin-context-" + pluginId);
                ownHostDataDir = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hostDataDir;
    }

    /** Records the request (see {@link #tasksRunSoon()}); runs nothing. */
    @Override
    public void runTaskSoon(String taskName) {
        synchronized (tasksRunSoon) {
            tasksRunSoon.add(Objects.requireNonNull(taskName, "taskName"));
        }
    }

    @Override
    public boolean cliMode() {
        return cliMode;
    }

    /** Keeps every call: see {@link #audited()}. */
    @Override
    public FakeAuditLog audit() {
        return audit;
    }

    @Override
    public RegistryService registry() {
        return given(registry, "registry", "withRegistry");
    }

    @Override
    public Access access() {
        return given(access, "access", "withAccess");
    }

    @Override
    public Secrets secrets() {
        return given(secrets, "secrets", "withSecrets");
    }

    @Override
    public SignInGrants signInGrants() {
        return given(signInGrants, "signInGrants", "withSignInGrants");
    }

    @Override
    public Mail mail() {
        return given(mail, "mail", "withMail");
    }

    /**
     * Meters in memory. As on the host, a meter's name gets the prefix {@code <id>.} and the tag
     * {@code plugin=<id>}; read one back with the name the plugin used ({@code metrics().counter("sent").count()}),
     * or find it by its full name ({@code metrics().find("hello.sent").counter()}).
     */
    @Override
    public MeterRegistry metrics() {
        return metrics;
    }

    /** Deletes the temp host data dir if this context made it. */
    @Override
    public synchronized void close() {
        if (ownHostDataDir && hostDataDir != null) {
            try (Stream<Path> paths = Files.walk(hostDataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a temp folder left behind is harmless
            }
            hostDataDir = null;
            ownHostDataDir = false;
        }
    }

    private <T> T given(T facet, String name, String setter) {
        if (facet == null) {
            throw new UnsupportedOperationException("FakePluginContext does not fake " + name + "(): give the test its"
                    + " own with FakePluginContext." + setter + "(...), or test this class on the real host with"
                    + " RegistryExtension (an integration test)");
        }
        return facet;
    }
}
