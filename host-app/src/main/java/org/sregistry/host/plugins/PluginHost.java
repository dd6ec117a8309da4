package org.sregistry.host.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sregistry.api.CommandContributor;
import org.sregistry.api.PluginContext;
import org.sregistry.host.config.LayeredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the known plugins in step with the jars on disk and with their enable flags, and keeps what each started
 * plugin contributes. Every change of the started set is announced to listeners (the web layer rebuilds its Jersey
 * application, the scheduler starts and stops tasks).
 *
 * <p>{@link #rescan()} brings the host in line with the plugins folders ({@link PluginFolders} says which jars are
 * complete, {@link SyncPlan} what to do): a new jar is loaded (and started when enabled), a changed jar or a higher
 * version of the same id replaces the plugin that runs (stop, unload, load, start), a plugin whose jar is gone is
 * unloaded. Plugins run from copies ({@link JarCache}), so the files in {@code plugins/} can change at any time. A
 * stopped plugin's class loader is released once no request can still be using it ({@link #takeRetired()}).
 *
 * <p>Starting checks options before {@code Plugin.start()} ({@link SafeStart}). A plugin that is refused or fails
 * stays loaded with its options declared, so they can be fixed on the settings page; the next
 * {@link #applyEnablement()} (after an option is saved) starts it afresh.
 */
public final class PluginHost implements AutoCloseable {
    /** How long a jar must stay unchanged on disk before it is loaded. */
    public static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final PluginFolders folders;
    private final JarCache cache;
    private final LayeredConfig config;
    private final PluginRuntime runtime;
    private final JarDescriptors descriptors;
    private final Map<String, PluginRecord> records = new LinkedHashMap<>();
    /** Where each record comes from; {@code copy} is null for a jar listed as unusable. */
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Set<String> loggedIgnored = new HashSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private boolean waitingForJars;
    private volatile boolean commandsOnly;

    private record Source(Path jar, PluginFolders.Fingerprint fingerprint, Path copy) {
    }

    private record Sync(boolean added, boolean changed) {
    }

    /**
     * @param pluginDirs   folders scanned for {@code *.jar}; the first is where jars are installed
     * @param devJars      jars built in the source tree, loaded in development mode only (else empty)
     * @param cacheDir     where jars are copied before loading (emptied now: nothing runs from it yet)
     * @param config       resolves {@code PLUGIN_<ID>_ENABLED} and the plugins' options
     * @param contexts     the context of each plugin id
     * @param hostVersion  checked against each descriptor's {@code plugin.requires}
     */
    public PluginHost(List<Path> pluginDirs, List<Path> devJars, Path cacheDir, LayeredConfig config,
                      Function<String, PluginContext> contexts, String hostVersion) {
        this.folders = new PluginFolders(pluginDirs, devJars, Clock.systemUTC(), SETTLE);
        this.cache = new JarCache(cacheDir);
        this.config = config;
        this.runtime = new PluginRuntime(cacheDir, config, contexts, hostVersion);
        this.descriptors = new JarDescriptors(runtime::describe);
    }

    /** Called after every change of the started plugins. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Called with a plugin's id just before it is stopped and unloaded, while it can still run: the scheduler stops
     * (and waits for) its tasks here.
     */
    public void addBeforeStopListener(Consumer<String> listener) {
        runtime.addBeforeStopListener(listener);
    }

    /** Loads the jars on disk and drops the plugins whose jar is gone, starting nothing; true when a new one came. */
    public boolean discover() {
        return sync(Set.of(), false).added();
    }

    /**
     * Brings the plugins in line with the jars on disk: new ones are loaded (started when enabled), changed ones
     * replace the plugin that runs, removed ones are unloaded. Listings call it, so a listing is never stale.
     */
    public void rescan() {
        if (sync(Set.of(), true).changed()) {
            fireChanged();
        }
    }

    /** True while a jar in a plugins folder is still being written (a later {@link #rescan()} will take it). */
    public synchronized boolean waitingForJars() {
        return waitingForJars;
    }

    /** The plugins folder jars are installed into (the first one). */
    public Path installFolder() {
        return folders.folders().get(0);
    }

    /** The folders to watch for changes: the plugins folders, and the source tree's in development mode. */
    public List<Path> watchedFolders() {
        List<Path> all = new ArrayList<>(folders.folders());
        all.addAll(folders.devFolders());
        return all;
    }

    /** Starts enabled plugins that are not running (failed ones afresh) and stops disabled ones. */
    public void applyEnablement() {
        boolean changed = false;
        synchronized (this) {
            for (PluginRecord record : new ArrayList<>(records.values())) {
                boolean wanted = config.isTrue(record.enabledKey());
                if (!loadable(record.id())) {
                    continue;
                }
                if (wanted && record.state() != PluginState.STARTED) {
                    changed |= start(record);
                } else if (!wanted && record.state() != PluginState.DISABLED) {
                    changed |= disable(record);
                }
            }
        }
        if (changed) {
            fireChanged();
        }
    }

    /** Enables or disables a plugin from the admin page or API: saved to the config file, applied at once. */
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
     * The class loaders of plugins stopped since the last call, as one action that closes them: the web layer runs
     * it once the requests that began on the application built with those plugins have ended.
     */
    public Runnable takeRetired() {
        return runtime.takeRetired();
    }

    /**
     * CLI mode: starts the enabled plugins (the others run no code) for their options and commands only — no pages,
     * routes or tasks, and no generated option value is written — and answers their commands.
     */
    public synchronized List<PluginCommand> startEnabledForCommands() {
        commandsOnly = true;
        List<PluginCommand> commands = new ArrayList<>();
        for (PluginRecord record : new ArrayList<>(records.values())) {
            if (record.state() != PluginState.STARTED && loadable(record.id()) && config.isTrue(record.enabledKey())) {
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
        for (String id : new ArrayList<>(records.keySet())) {
            drop(id);
        }
        runtime.takeRetired().run();
    }

    /** A change of the files in the plugins folders, made while no rescan runs. */
    interface JarChange {
        void apply() throws IOException;
    }

    /**
     * Makes {@code change} to the plugins folders and rescans in the same step (no rescan sees half of it), taking
     * the {@code trusted} jars (which the host wrote itself) at once; listeners hear of it after the lock is released.
     */
    void changeJars(JarChange change, Set<Path> trusted) throws IOException {
        Sync result;
        synchronized (this) {
            change.apply();
            result = sync(trusted, true);
        }
        // outside the lock, like every announcement: listeners take locks of their own and then read the host
        if (result.changed()) {
            fireChanged();
        }
    }

    /** The runtime, for the installer's checks of an uploaded jar. */
    PluginRuntime runtime() {
        return runtime;
    }

    /** The jars of {@code id} in the plugins folders (not the source tree's), the one in use included. */
    synchronized List<Path> jarsOf(String id) {
        Set<Path> jars = new java.util.LinkedHashSet<>(descriptors.declaring(id));
        Source source = sources.get(id);
        if (source != null) {
            jars.add(source.jar());
        }
        return jars.stream().filter(jar -> folders.folders().contains(jar.getParent())).toList();
    }

    private boolean loadable(String id) {
        Source source = sources.get(id);
        return source != null && source.copy() != null;
    }

    /** The core of {@link #rescan()}: answers whether a plugin came, and whether the started set changed. */
    private synchronized Sync sync(Set<Path> trusted, boolean startEnabled) {
        PluginFolders.Scan scan = folders.scan(trusted);
        waitingForJars = !scan.pending().isEmpty();
        List<JarChoice.Candidate> candidates = new ArrayList<>();
        Map<Path, SyncPlan.Broken> broken = new LinkedHashMap<>();
        scan.refused().forEach((jar, why) -> broken.put(jar, new SyncPlan.Broken(null, why)));
        for (PluginFolders.Found found : scan.ready()) {
            JarDescriptors.Described described = descriptors.describe(found);
            if (described.error() != null) {
                broken.put(found.jar(), new SyncPlan.Broken(found.fingerprint(), described.error()));
            } else {
                candidates.add(new JarChoice.Candidate(found, described.id(), described.version()));
            }
        }
        descriptors.retain(scan);
        Map<String, SyncPlan.Known> known = new LinkedHashMap<>();
        Map<String, Path> running = new LinkedHashMap<>();
        sources.forEach((id, s) -> {
            known.put(id, new SyncPlan.Known(s.jar(), s.fingerprint(), s.copy() != null));
            running.put(id, s.jar());
        });
        JarChoice.Choice choice = JarChoice.choose(candidates, running, runtime::compareVersions);
        choice.ignored().values().stream().filter(loggedIgnored::add).forEach(LOG::warn);
        SyncPlan plan = SyncPlan.of(known, scan.pending(), choice, broken);

        boolean changed = false;
        for (Map.Entry<String, String> drop : plan.drop().entrySet()) {
            LOG.info("Plugin {}: {}; unloading it", drop.getKey(), drop.getValue());
            changed |= drop(drop.getKey());
        }
        List<String> added = new ArrayList<>();
        for (JarChoice.Candidate jar : plan.load()) {
            if (load(jar)) {
                added.add(jar.id());
            }
        }
        plan.broken().forEach((jar, why) -> addBroken(jar, why.fingerprint(), why.error()));
        if (startEnabled) {
            for (String id : added) {
                PluginRecord record = records.get(id);
                if (config.isTrue(record.enabledKey())) {
                    changed |= start(record);
                }
            }
        }
        return new Sync(!added.isEmpty(), changed);
    }

    /** Copies a chosen jar, checks that it loads, and records the plugin as disabled; false when it did not. */
    private boolean load(JarChoice.Candidate jar) {
        Path copy = null;
        try {
            copy = cache.copy(jar.found());
            if (copy == null) {
                return false; // rewritten while copied: the next scan takes the new file
            }
            PluginRuntime.Probe probe = runtime.probe(jar.id(), copy);
            sources.put(jar.id(), new Source(jar.jar(), jar.found().fingerprint(), copy));
            records.put(jar.id(), new PluginRecord(jar.id(), probe.version(), probe.description(), jar.jar(),
                    jar.found().dev(), PluginState.DISABLED, null, null, null));
            LOG.info("Found plugin {} {} in {}", jar.id(), probe.version(), jar.jar());
            return true;
        } catch (RuntimeException | IOException | LinkageError e) {
            RetiredLoaders.release(List.of(new RetiredLoaders.Retired(jar.id(), null, copy)));
            addBroken(jar.jar(), jar.found().fingerprint(), "cannot load " + jar.jar().getFileName() + ": "
                    + rootMessage(e));
            return false;
        }
    }

    /** A jar that is not a plugin, listed under its file name (never over a real plugin's record). */
    private void addBroken(Path jar, PluginFolders.Fingerprint fingerprint, String error) {
        String fallback = jar.getFileName().toString().replaceAll("\\.jar$", "");
        String id = records.containsKey(fallback) ? jar.getFileName().toString() : fallback;
        if (records.containsKey(id)) {
            return;
        }
        sources.put(id, new Source(jar, fingerprint, null));
        records.put(id, new PluginRecord(id, "", "", jar, false, PluginState.FAILED, error, null, null));
        LOG.error("Plugin jar {} is not a valid plugin: {}", jar, error);
    }

    /** Starts a known plugin afresh; answers true (its record changed either way). */
    private boolean start(PluginRecord record) {
        String id = record.id();
        PluginRuntime.Outcome outcome = runtime.start(id, sources.get(id).copy(), commandsOnly);
        if (outcome.started()) {
            records.put(id, record.with(PluginState.STARTED, null, outcome.loader(), outcome.contributions()));
            LOG.info("Plugin {} {} started", id, record.version());
        } else {
            records.put(id, record.with(PluginState.FAILED, outcome.error(), outcome.loader(), null));
            LOG.error("Plugin {} failed: {}", id, outcome.error());
        }
        return true;
    }

    /** Stops and unloads a plugin that stays known (switched off); true when it was serving. */
    private boolean disable(PluginRecord record) {
        boolean served = record.state() == PluginState.STARTED;
        runtime.unload(record.id(), served, null);
        records.put(record.id(), record.with(PluginState.DISABLED, null, null, null));
        LOG.info("Plugin {} stopped", record.id());
        return served;
    }

    /** Forgets a plugin whose jar is gone or replaced; true when it was serving. */
    private boolean drop(String id) {
        PluginRecord record = records.remove(id);
        Source source = sources.remove(id);
        boolean served = record != null && record.state() == PluginState.STARTED;
        runtime.unload(id, served, source == null ? null : source.copy());
        return served;
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

    /** Runs {@code action} with the plugin's class loader as context loader (ServiceLoader users need it). */
    public static <T> T withLoader(ClassLoader loader, Supplier<T> action) {
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
}
