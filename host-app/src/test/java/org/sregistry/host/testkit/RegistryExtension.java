package org.sregistry.host.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.config.ConfigFile;
import org.sregistry.host.plugins.PluginKeys;
import org.sregistry.host.scheduler.TaskStatus;

/**
 * Boots the registry in-process on a random loopback port with a temp data dir and the named
 * plugin jars (copied into its plugins folder, as an admin would drop them there), and gives
 * tests authenticated clients. Use it as a JUnit 5 extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static RegistryExtension registry = RegistryExtension.builder()
 *         .plugin(Path.of("target/my-plugin.jar")).enable("my").build();
 *
 * @Test void works() { assertThat(registry.admin().get("/api/my/hello").statusCode()).isEqualTo(200); }
 * }</pre>
 *
 * or start one by hand with {@link Builder#start()} and close it with try-with-resources.
 *
 * <p><b>Run it as an integration test.</b> It loads the plugin's built jar, which exists only after
 * {@code package}: name the test class {@code *IT} and let the maven-failsafe-plugin run it in {@code mvn verify}
 * (surefire's {@code mvn test} runs before the jar is made; {@link #start()} then fails saying so). Unit tests of a
 * plugin's classes need no host: use {@code org.sregistry.testkit.FakePluginContext}.
 *
 * <p><b>Enabling.</b> {@link Builder#enable} writes {@code PLUGIN_<ID>_ENABLED=true} into the config file before the
 * first start, the way an administrator's toggle on {@code /settings} does: the plugin starts enabled and the test
 * may switch it off and on again through {@code /settings}. {@link Builder#enableByFlag} passes
 * {@code --enable-plugin} instead: the flag fixes the value, so the toggle is refused (409), as on a real server.
 *
 * <p><b>Tasks.</b> {@link #awaitTaskRun} waits for a plugin's scheduled task to complete a run that started after the
 * call; {@link #runTask} asks for a run now and waits for it.
 */
public final class RegistryExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** How long {@link #awaitTaskRun(String, String)} waits. */
    public static final Duration DEFAULT_TASK_WAIT = Duration.ofSeconds(30);

    private final List<Path> pluginJars;
    private final Set<String> enabled;
    private final Map<String, String> env;
    private final Map<String, String> configFile;
    private final Path fixedDataDir;
    private final Clock clock;
    private Path dataDir;
    private RegistryServer server;

    private RegistryExtension(Builder builder) {
        this.pluginJars = List.copyOf(builder.pluginJars);
        this.enabled = Set.copyOf(builder.enabled);
        this.env = Map.copyOf(builder.env);
        this.configFile = Map.copyOf(builder.configFile);
        this.fixedDataDir = builder.dataDir;
        this.clock = builder.clock;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server (again, on the same data dir, after {@link #stop()}). */
    public synchronized RegistryExtension start() throws Exception {
        if (dataDir == null) {
            for (Path jar : pluginJars) {
                requireBuilt(jar);
            }
            dataDir = fixedDataDir != null ? fixedDataDir : Files.createTempDirectory("registry-test");
            Path plugins = dataDir.resolve("plugins");
            Files.createDirectories(plugins);
            for (Path jar : pluginJars) {
                Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            // the host's own writer: escaped, merged into a file an earlier run left in a kept data dir
            ConfigFile file = new ConfigFile(dataDir.resolve("registry.properties"));
            configFile.forEach(file::put);
        }
        ServerOptions options = new ServerOptions(0, "127.0.0.1", dataDir, dataDir.resolve("registry.properties"),
                List.of(dataDir.resolve("plugins")), List.of(), enabled, Map.of(), env, clock);
        server = RegistryServer.start(options);
        return this;
    }

    private static void requireBuilt(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("RegistryExtension: the plugin jar " + jar.toAbsolutePath() + " does not"
                    + " exist" + (Files.isDirectory(jar) ? " (it is a folder)" : "") + ". The extension loads the built"
                    + " jar, which exists only after the package phase: run this test as an integration test (a class"
                    + " named *IT, run by the maven-failsafe-plugin in mvn verify), not as a unit test in mvn test."
                    + " Unit tests of plugin classes need no host: use org.sregistry.testkit.FakePluginContext.");
        }
    }

    /**
     * Waits up to {@link #DEFAULT_TASK_WAIT} for the plugin's scheduled task {@code taskName} to complete a run that
     * started after this call, and answers its status (its {@code outcome()} is {@code "ok"} or
     * {@code "failed: <exception>"}; a failed run is returned, not thrown). A run already going when this is called
     * does not count: it may have read the state before the test changed it.
     *
     * <pre>{@code
     * registry.admin().postJson("/api/my/jobs", "{\"name\":\"a\"}");
     * TaskStatus run = registry.awaitTaskRun("my", "my-sync");
     * assertThat(run.outcome()).isEqualTo("ok");
     * }</pre>
     *
     * @throws AssertionError when no such run completed in time (the message says what the scheduler knows)
     */
    public TaskStatus awaitTaskRun(String pluginId, String taskName) {
        return awaitTaskRun(pluginId, taskName, DEFAULT_TASK_WAIT);
    }

    /** {@link #awaitTaskRun(String, String)} with a timeout. */
    public TaskStatus awaitTaskRun(String pluginId, String taskName, Duration timeout) {
        return new TaskRuns(running().scheduler(), pluginId, taskName).awaitNew(timeout);
    }

    /**
     * Asks for a run of the task now ("Run now" on {@code /settings}; never two at once) and waits up to {@code
     * timeout} for a run that started after this call to complete; answers its status.
     *
     * @throws AssertionError when the task is not scheduled (the plugin is not started) or did not run in time
     */
    public TaskStatus runTask(String pluginId, String taskName, Duration timeout) {
        return new TaskRuns(running().scheduler(), pluginId, taskName).runNow(timeout);
    }

    /** {@link #runTask(String, String, Duration)} waiting up to {@link #DEFAULT_TASK_WAIT}. */
    public TaskStatus runTask(String pluginId, String taskName) {
        return runTask(pluginId, taskName, DEFAULT_TASK_WAIT);
    }

    private RegistryServer running() {
        if (server == null) {
            throw new IllegalStateException("the registry is not running");
        }
        return server;
    }

    /** Stops the server, keeping the data dir. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (dataDir != null && fixedDataDir == null) {
            deleteTree(dataDir);
        }
    }

    /** The running server. */
    public RegistryServer server() {
        return server;
    }

    /** The data dir. */
    public Path dataDir() {
        return dataDir;
    }

    /** The administrator's password (from the initial password file). */
    public String adminPassword() {
        try {
            return Files.readString(dataDir.resolve("initial-admin-password")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client with the admin's HTTP Basic credentials (like a script). */
    public RegistryClient admin() {
        return RegistryClient.basic(server.baseUri(), "admin", adminPassword());
    }

    /** A client logged in through the login form (like a browser), sending CSRF tokens. */
    public RegistryClient browser() {
        return new RegistryClient(server.baseUri(), null).login("admin", adminPassword());
    }

    /** A client without credentials. */
    public RegistryClient anonymous() {
        return new RegistryClient(server.baseUri(), null);
    }

    /** A client with a bearer API token. */
    public RegistryClient withToken(String token) {
        return RegistryClient.bearer(server.baseUri(), token);
    }

    /** A new API token of the administrator {@code admin}. */
    public String adminToken(String name) {
        return server.apiTokens().create(adminUser().id(), name);
    }

    /** The names of the administrator's API tokens. */
    public List<String> adminTokenNames() {
        return server.apiTokens().names(adminUser().id());
    }

    /** Revokes an API token of the administrator; true when it existed. */
    public boolean revokeAdminToken(String name) {
        return server.apiTokens().revoke(adminUser().id(), name);
    }

    /** The first administrator's account. */
    public org.sregistry.host.users.User adminUser() {
        return server.users().byName("admin").orElseThrow();
    }

    /** Makes an account with a local password (as an administrator would on the users page). */
    public org.sregistry.host.users.User createUser(String username, org.sregistry.host.users.Role role, String password) {
        return server.users().create(new org.sregistry.host.users.UserStore.NewUser(username, "", null, role,
                org.sregistry.host.auth.PasswordHasher.hash(password), null));
    }

    /** A client with a user's HTTP Basic credentials. */
    public RegistryClient as(String username, String password) {
        return RegistryClient.basic(server.baseUri(), username, password);
    }

    /** A client signed in as a user through the login form. */
    public RegistryClient browserAs(String username, String password) {
        return new RegistryClient(server.baseUri(), null).login(username, password);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp dir left behind is harmless
                }
            });
        } catch (IOException e) {
            // ignore
        }
    }

    /** Configures a {@link RegistryExtension}. */
    public static final class Builder {
        private final List<Path> pluginJars = new ArrayList<>();
        private final Set<String> enabled = new LinkedHashSet<>();
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, String> configFile = new LinkedHashMap<>();
        private Path dataDir;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * A plugin jar to drop into the plugins folder, e.g. {@code Path.of("target/my-plugin.jar")}. It must exist
         * when the server starts (after {@code package}: run the test under failsafe).
         */
        public Builder plugin(Path jar) {
            pluginJars.add(jar);
            return this;
        }

        /**
         * Enables plugins as the toggle on {@code /settings} does: {@code PLUGIN_<ID>_ENABLED=true} in the config
         * file written before the first start. The plugin starts enabled, and the test may toggle it off and on.
         */
        public Builder enable(String... ids) {
            for (String id : ids) {
                configFile.put(PluginKeys.enabledKey(id), "true");
            }
            return this;
        }

        /**
         * Enables plugins by start flag ({@code registry serve --enable-plugin ID}): the flag fixes the value, so
         * {@code /settings} shows it as fixed and refuses the toggle (409). Use {@link #enable} unless that is what
         * the test is about.
         */
        public Builder enableByFlag(String... ids) {
            enabled.addAll(List.of(ids));
            return this;
        }

        /** An environment variable the server sees (the real environment is not used). */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** A value in the config file written before the first start (later calls win, {@link #enable} included). */
        public Builder config(String key, String value) {
            configFile.put(key, value);
            return this;
        }

        /** Use this data dir (kept after close) instead of a fresh temp dir. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * The clock of the server and its plugins (default: the system clock), e.g. a {@link ShiftableClock} that a
         * test moves forward to make a retry due.
         */
        public Builder clock(Clock serverClock) {
            this.clock = serverClock;
            return this;
        }

        /** The extension (started by JUnit). */
        public RegistryExtension build() {
            return new RegistryExtension(this);
        }

        /** Builds and starts one now. */
        public RegistryExtension start() throws Exception {
            return build().start();
        }
    }
}
