package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.pf4j.PluginWrapper;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.ConfigContributor;
import org.sregistry.api.ConfigOption;
import org.sregistry.api.PluginContext;
import org.sregistry.api.ResourceContributor;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.UiContributor;
import org.sregistry.host.config.LayeredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers plugin jars, starts the enabled ones and stops the others, and keeps what each
 * contributes. Every change of the started set is announced to listeners (the web layer rebuilds
 * its Jersey application, the scheduler starts and stops tasks).
 *
 * <p>Jars are loaded from a copy in a cache folder so the file in {@code plugins/} can be
 * replaced while the server runs. A plugin that is switched off is unloaded, which releases its
 * class loader.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final List<Path> pluginDirs;
    private final List<Path> bundledJars;
    private final Path cacheDir;
    private final LayeredConfig config;
    private final HostPluginManager manager;
    private final Map<String, PluginRecord> records = new LinkedHashMap<>();
    private final Map<Path, String> idsByJar = new LinkedHashMap<>();
    private final Map<String, Path> cachedJars = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> beforeStop = new CopyOnWriteArrayList<>();
    private volatile boolean commandsOnly;

    /**
     * @param pluginDirs   folders scanned for {@code *.jar}, first wins on duplicate ids
     * @param bundledJars  extra jars (e.g. the freshly built Globus plugin when run from the repo)
     * @param cacheDir     where jars are copied before loading
     * @param config       resolves {@code PLUGIN_<ID>_ENABLED} and the plugins' options
     * @param contexts     the context of each plugin id
     * @param hostVersion  checked against each descriptor's {@code plugin.requires}
     */
    public PluginHost(List<Path> pluginDirs, List<Path> bundledJars, Path cacheDir, LayeredConfig config,
                      Function<String, PluginContext> contexts, String hostVersion) {
        this.pluginDirs = List.copyOf(pluginDirs);
        this.bundledJars = List.copyOf(bundledJars);
        this.cacheDir = cacheDir;
        this.config = config;
        this.manager = new HostPluginManager(cacheDir, contexts, hostVersion);
    }

    /** Called after every change of the started plugins. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Called with a plugin's id just before it is stopped and its class loader closed, while it
     * can still run: the scheduler stops (and waits for) its tasks here.
     */
    public void addBeforeStopListener(java.util.function.Consumer<String> listener) {
        beforeStop.add(listener);
    }

    /** Loads jars not seen before; answers true when a new plugin was found. */
    public synchronized boolean discover() {
        boolean found = false;
        for (Path jar : candidateJars()) {
            if (idsByJar.containsKey(jar)) {
                continue;
            }
            found = true;
            load(jar);
        }
        return found;
    }

    /** Starts enabled plugins that are not running and stops disabled ones; notifies listeners on change. */
    public void applyEnablement() {
        boolean changed;
        synchronized (this) {
            changed = false;
            for (PluginRecord record : new ArrayList<>(records.values())) {
                boolean wanted = config.isTrue(record.enabledKey());
                boolean startable = record.state() == PluginState.DISABLED
                        || (record.state() == PluginState.FAILED && cachedJars.containsKey(record.id()));
                if (wanted && startable) {
                    changed |= start(record);
                } else if (!wanted && record.state() != PluginState.DISABLED && record.classLoader() != null) {
                    stop(record, PluginState.DISABLED, null);
                    changed = true;
                } else if (!wanted && record.state() == PluginState.FAILED && cachedJars.containsKey(record.id())) {
                    // a loadable plugin that failed and is now switched off is simply off
                    config.forget(record.id());
                    records.put(record.id(), withState(record, PluginState.DISABLED, null));
                }
            }
        }
        if (changed) {
            fireChanged();
        }
    }

    /** Enables or disables a plugin from the admin page: saved to the config file, applied at once. */
    public void setEnabled(String id, boolean enabled) {
        synchronized (this) {
            if (!records.containsKey(id)) {
                throw new IllegalArgumentException("no plugin with id " + id);
            }
            config.saveFromAdmin(PluginKeys.enabledKey(id), Boolean.toString(enabled));
        }
        applyEnablement();
    }

    /** Every known plugin, sorted by id. */
    public synchronized List<PluginRecord> plugins() {
        List<PluginRecord> list = new ArrayList<>(records.values());
        list.sort(Comparator.comparing(PluginRecord::id));
        return list;
    }

    /** One plugin by id. */
    public synchronized Optional<PluginRecord> plugin(String id) {
        return Optional.ofNullable(records.get(id));
    }

    /** The started plugins. */
    public synchronized List<PluginRecord> started() {
        return plugins().stream().filter(r -> r.state() == PluginState.STARTED).toList();
    }

    /**
     * CLI mode: starts every loadable plugin regardless of enablement (commands must work before
     * the plugin is enabled, e.g. to log in to Globus) and answers the commands.
     */
    public synchronized List<PluginCommand> startAllForCommands() {
        // the CLI needs options and commands only: no pages, routes or tasks are built
        commandsOnly = true;
        List<PluginCommand> commands = new ArrayList<>();
        for (PluginRecord record : new ArrayList<>(records.values())) {
            if (record.state() != PluginState.STARTED && cachedJars.containsKey(record.id())) {
                start(record);
                record = records.get(record.id());
            }
            if (record.state() == PluginState.STARTED) {
                for (CommandContributor contributor : record.contributions().commands()) {
                    commands.add(new PluginCommand(record.id(), record.classLoader(), contributor));
                }
            }
        }
        return commands;
    }

    /** A command a plugin contributes, with the loader to use while it runs. */
    public record PluginCommand(String pluginId, ClassLoader classLoader, CommandContributor contributor) {
    }

    @Override
    public synchronized void close() {
        for (PluginRecord record : new ArrayList<>(records.values())) {
            if (record.classLoader() != null) {
                stop(record, PluginState.DISABLED, null);
            }
        }
    }

    private List<Path> candidateJars() {
        List<Path> jars = new ArrayList<>();
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
                List<Path> inDir = new ArrayList<>();
                stream.forEach(p -> inDir.add(p.toAbsolutePath().normalize()));
                inDir.sort(Comparator.naturalOrder());
                jars.addAll(inDir);
            } catch (IOException e) {
                LOG.warn("Cannot list plugins folder {}: {}", dir, e.toString());
            }
        }
        for (Path jar : bundledJars) {
            if (Files.isRegularFile(jar)) {
                jars.add(jar.toAbsolutePath().normalize());
            }
        }
        return jars;
    }

    private void load(Path jar) {
        String fallbackId = jar.getFileName().toString().replaceAll("\\.jar$", "");
        try {
            Path copy = copyToCache(jar);
            String declared = declaredId(copy);
            if (declared != null && records.containsKey(declared)) {
                // a second jar of a plugin we have: never disturb the one that is running
                idsByJar.put(jar, declared);
                LOG.warn("Plugin {} in {} ignored: already loaded from {}", declared, jar, records.get(declared).jar());
                return;
            }
            String id = manager.loadPlugin(copy);
            PluginWrapper wrapper = manager.getPlugin(id);
            idsByJar.put(jar, id);
            cachedJars.put(id, copy);
            records.put(id, new PluginRecord(id, wrapper.getDescriptor().getVersion(),
                    nullToEmpty(wrapper.getDescriptor().getPluginDescription()), jar, PluginState.DISABLED, null,
                    null, null));
            // Not enabled yet: release the class loader until it is (start() loads it again).
            manager.unloadPlugin(id);
            LOG.info("Found plugin {} {} in {}", id, wrapper.getDescriptor().getVersion(), jar);
        } catch (RuntimeException | IOException | LinkageError e) {
            // a broken jar is listed under its file name, never over a real plugin's record
            String id = records.containsKey(fallbackId) ? jar.getFileName().toString() : fallbackId;
            idsByJar.put(jar, id);
            String error = "cannot load " + jar.getFileName() + ": " + rootMessage(e);
            records.put(id, new PluginRecord(id, "", "", jar, PluginState.FAILED, error, null, null));
            LOG.error("Plugin jar {} is not a valid plugin: {}", jar, rootMessage(e));
        }
    }

    private String declaredId(Path jar) {
        try {
            return manager.declaredId(jar);
        } catch (RuntimeException e) {
            return null; // loadPlugin reports the problem
        }
    }

    private Path copyToCache(Path jar) throws IOException {
        Files.createDirectories(cacheDir);
        String name = jar.getFileName().toString().replaceAll("\\.jar$", "")
                + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis())
                + "-" + Long.toHexString(Files.size(jar)) + ".jar";
        Path copy = cacheDir.resolve(name);
        if (!Files.exists(copy)) {
            Path tmp = Files.createTempFile(cacheDir, ".copy", ".tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** Starts a loaded (or unloaded) plugin; answers true when it is started now. */
    private boolean start(PluginRecord record) {
        String id = record.id();
        try {
            if (manager.getPlugin(id) == null) {
                Path copy = cachedJars.get(id);
                if (copy == null) {
                    return false;
                }
                manager.loadPlugin(copy);
            }
            PluginWrapper wrapper = manager.getPlugin(id);
            ClassLoader loader = wrapper.getPluginClassLoader();
            org.pf4j.PluginState state = withLoader(loader, () -> manager.startPlugin(id));
            if (state != org.pf4j.PluginState.STARTED) {
                Throwable failure = wrapper.getFailedException();
                return fail(record, "start failed: " + (failure == null ? "state " + state : rootMessage(failure)));
            }
            Contributions contributions = withLoader(loader, () -> collect(id));
            List<ConfigOption> options = new ArrayList<>();
            contributions.config().forEach(c -> options.addAll(withLoader(loader, c::options)));
            config.declare(id, options);
            if (!commandsOnly || config.isTrue(record.enabledKey())) {
                // the CLI loads every plugin for its commands, but writes generated values only for enabled ones
                config.generateMissing(id);
            }
            // secret values never reach a log line, whatever logs them
            options.stream().filter(ConfigOption::secret)
                    .forEach(o -> config.find(o.key()).ifPresent(org.sregistry.host.observability.SecretMasker::register));
            Map<String, String> problems = config.problems(id);
            if (!problems.isEmpty()) {
                return fail(record, "invalid configuration: " + String.join("; ", problems.values()));
            }
            if (contributions.isEmpty()) {
                LOG.warn("Plugin {} started but contributes no extension: is META-INF/extensions.idx in its jar,"
                        + " and are plugin-api and PF4J 'provided' dependencies?", id);
            }
            records.put(id, new PluginRecord(id, record.version(), record.description(), record.jar(),
                    PluginState.STARTED, null, loader, contributions));
            LOG.info("Plugin {} started", id);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Plugin {} failed to start", id, e);
            return fail(record, rootMessage(e));
        }
    }

    private boolean fail(PluginRecord record, String error) {
        stop(record, PluginState.FAILED, error);
        LOG.error("Plugin {} failed: {}", record.id(), error);
        return true;
    }

    private void stop(PluginRecord record, PluginState newState, String error) {
        String id = record.id();
        for (java.util.function.Consumer<String> listener : beforeStop) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                LOG.warn("Before-stop listener failed for plugin {}: {}", id, e.toString());
            }
        }
        try {
            if (manager.getPlugin(id) != null) {
                ClassLoader loader = manager.getPlugin(id).getPluginClassLoader();
                // unloadPlugin stops the plugin first and closes its class loader
                withLoader(loader, () -> manager.unloadPlugin(id));
            }
        } catch (RuntimeException e) {
            LOG.warn("Plugin {} did not stop cleanly: {}", id, rootMessage(e));
        }
        if (newState == PluginState.DISABLED) {
            config.forget(id);
        }
        records.put(id, new PluginRecord(id, record.version(), record.description(), record.jar(), newState,
                error, null, null));
        if (newState == PluginState.DISABLED) {
            LOG.info("Plugin {} stopped", id);
        }
    }

    private Contributions collect(String id) {
        if (commandsOnly) {
            return new Contributions(List.of(), List.of(), manager.getExtensions(ConfigContributor.class, id), List.of(),
                    manager.getExtensions(CommandContributor.class, id), List.of());
        }
        List<Object> resources = new ArrayList<>();
        for (ResourceContributor contributor : manager.getExtensions(ResourceContributor.class, id)) {
            for (Object resource : contributor.resources()) {
                Namespaces.check(id, resource);
                resources.add(resource);
            }
        }
        return new Contributions(
                List.copyOf(resources),
                manager.getExtensions(UiContributor.class, id),
                manager.getExtensions(ConfigContributor.class, id),
                manager.getExtensions(ScheduledTask.class, id),
                manager.getExtensions(CommandContributor.class, id),
                PluginPaths.checked(id, manager.getExtensions(org.sregistry.api.UserRoutes.class, id)));
    }

    private void fireChanged() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("Plugin change listener failed", e);
            }
        }
    }

    private static PluginRecord withState(PluginRecord r, PluginState state, String error) {
        return new PluginRecord(r.id(), r.version(), r.description(), r.jar(), state, error, r.classLoader(),
                r.contributions());
    }

    /** Runs {@code action} with the plugin's class loader as context loader (ServiceLoader users need it). */
    public static <T> T withLoader(ClassLoader loader, java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
