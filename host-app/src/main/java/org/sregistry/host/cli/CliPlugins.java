package org.sregistry.host.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sregistry.api.PluginContext;
import org.sregistry.api.PluginStore;
import org.sregistry.api.RegistryService;
import org.sregistry.host.RegistryServer;
import org.sregistry.host.ServerOptions;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.ScopedPluginConfig;
import org.sregistry.host.web.Assets;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.pluginstore.JdbcPluginStore;

/**
 * Loads plugins for the command line and gives their commands; opens the database lazily. Only enabled plugins are
 * started (the others run no code), and loading writes nothing: jars are loaded from copies in a temporary folder
 * (removed on close), and no option value is generated or saved (a generated default such as a robot name is the
 * server's to write). A command that changes configuration does it itself, with {@code config().set}.
 */
public final class CliPlugins implements AutoCloseable {
    private final ServerOptions options;
    private final LayeredConfig config;
    private final Path jarCopies;
    private final PluginHost host;
    private final Map<String, PluginContext> contexts = new ConcurrentHashMap<>();
    private final org.sregistry.host.secrets.Keyring keyring;
    private Database database;
    private JdbcRegistryService registry;
    private Audit audit;

    public CliPlugins(ServerOptions options) {
        this.options = options;
        this.config = RegistryServer.configFor(options);
        this.keyring = new org.sregistry.host.secrets.Keyring(options.dataDir(), Clock.systemUTC());
        this.jarCopies = temporaryFolder();
        this.host = new PluginHost(options.pluginDirs(), options.bundledPlugins(), jarCopies, config, this::context,
                Assets.version());
    }

    private static Path temporaryFolder() {
        try {
            return java.nio.file.Files.createTempDirectory("registry-cli-plugins-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a temporary folder for plugin jars", e);
        }
    }

    /** The commands of the enabled plugins (those are started now). */
    public List<PluginHost.PluginCommand> commands() {
        host.discover();
        return host.startEnabledForCommands();
    }

    /** The plugins that contribute no command here, because they are not enabled or failed to start. */
    public List<NotMounted> notMounted() {
        return host.plugins().stream().filter(p -> p.state() != org.sregistry.host.plugins.PluginState.STARTED)
                .map(p -> new NotMounted(p.id(), p.enabledKey(), p.state() == org.sregistry.host.plugins.PluginState.FAILED
                        ? p.error() : null, config.file().path()))
                .toList();
    }

    /**
     * A plugin whose commands are not mounted.
     *
     * @param error      why it failed to start, or null when it is simply not enabled
     * @param configFile the config file its enable key goes into
     */
    public record NotMounted(String pluginId, String enabledKey, String error, Path configFile) {
        /** True when it is enabled but failed to start. */
        public boolean failed() {
            return error != null;
        }

        /** A few words for the usage help. */
        public String reason() {
            return failed() ? "failed to start: " + error : "not enabled; " + enabledKey + "=true enables it";
        }

        /** What to tell someone who typed {@code registry <pluginId>}. */
        public String explanation() {
            if (failed()) {
                return "'" + pluginId + "' is a command of the plugin " + pluginId + ", which is enabled but failed"
                        + " to start: " + error;
            }
            return "'" + pluginId + "' is a command of the plugin " + pluginId + ", which is not enabled. Enable it"
                    + " with " + enabledKey + "=true in " + configFile + " (or in the environment, or with the"
                    + " toggle on /settings), or for one run with 'registry --enable-plugin " + pluginId + " "
                    + pluginId + " ...'.";
        }
    }

    private PluginContext context(String id) {
        return contexts.computeIfAbsent(id, pluginId -> new CliPluginContext(pluginId, new ScopedPluginConfig(config),
                () -> registry().forPlugin(pluginId), () -> store(pluginId), options.dataDir(),
                (action, target, details) -> audit().record(null, CliAccess.actor(), null, org.sregistry.host.plugins.HostAuditLog.actionOf(pluginId, action),
                        target, Audit.Outcome.OK, details), keyring.forPlugin(pluginId)));
    }

    private synchronized JdbcRegistryService registry() {
        if (registry == null) {
            // the host's migrations are found by the host's class loader, whichever plugin's command asks first
            database = PluginHost.withLoader(CliPlugins.class.getClassLoader(),
                    () -> RegistryServer.openDatabase(options, config));
            registry = new JdbcRegistryService(database, options.dataDir(), Clock.systemUTC(), Long.MAX_VALUE,
                    RegistryServer.imagePolicy(config), new org.sregistry.registry.oci.SifManifests());
        }
        return registry;
    }

    private synchronized Audit audit() {
        registry();
        if (audit == null) {
            audit = new Audit(database, null, Clock.systemUTC());
        }
        return audit;
    }

    private synchronized PluginStore store(String pluginId) {
        registry();
        return new JdbcPluginStore(database, pluginId, Clock.systemUTC());
    }

    @Override
    public synchronized void close() {
        host.close();
        if (audit != null) {
            audit.close();
        }
        if (database != null) {
            database.close();
        }
        try (var files = java.nio.file.Files.walk(jarCopies)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a leftover temporary copy is harmless
        }
    }

    /** The data dir these commands work on. */
    public Path dataDir() {
        return options.dataDir();
    }
}
