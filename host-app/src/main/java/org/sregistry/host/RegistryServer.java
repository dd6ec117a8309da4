package org.sregistry.host;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.PluginContext;
import org.sregistry.host.audit.Audit;
import org.sregistry.host.audit.AuditRequests;
import org.sregistry.host.audit.AuditRetention;
import org.sregistry.host.auth.LegacyAuthImport;
import org.sregistry.host.auth.PasswordAccounts;
import org.sregistry.host.users.UserStore;
import org.sregistry.host.auth.ApiTokens;
import org.sregistry.host.auth.AuthFilter;
import org.sregistry.host.auth.PasswordLogins;
import org.sregistry.host.auth.SessionCookies;
import org.sregistry.host.auth.Sessions;
import org.sregistry.host.auth.ldap.LdapAccounts;
import org.sregistry.host.auth.ldap.LdapDirectory;
import org.sregistry.host.auth.ldap.LdapOptions;
import org.sregistry.host.auth.ldap.LdapSettings;
import org.sregistry.host.config.ByteSize;
import org.sregistry.host.config.ConfigFile;
import org.sregistry.host.config.LayeredConfig;
import org.sregistry.host.http.CanonicalPathFilter;
import org.sregistry.host.http.HostAllowList;
import org.sregistry.host.http.HttpListener;
import org.sregistry.host.http.PublicUrl;
import org.sregistry.host.http.TrustedProxies;
import org.sregistry.host.library.LibraryServlet;
import org.sregistry.host.oci.OciCredentials;
import org.sregistry.host.oci.OciRealm;
import org.sregistry.host.oci.OciTokens;
import org.sregistry.host.oci.RegistryOciAccess;
import org.sregistry.host.oci.StorageCleanup;
import org.sregistry.host.oci.TokenServlet;
import org.sregistry.host.observability.HttpMetricsFilter;
import org.sregistry.host.observability.LogFiles;
import org.sregistry.host.observability.MetricsServlet;
import org.sregistry.host.observability.SecretMasker;
import org.sregistry.host.observability.StorageMonitor;
import org.sregistry.host.plugins.HostPluginContext;
import org.sregistry.host.plugins.PluginHost;
import org.sregistry.host.plugins.PluginKeys;
import org.sregistry.host.plugins.PluginRecord;
import org.sregistry.host.plugins.PluginState;
import org.sregistry.host.plugins.ScopedPluginConfig;
import org.sregistry.host.scheduler.TaskScheduler;
import org.sregistry.host.web.ApplicationFactory;
import org.sregistry.host.web.Assets;
import org.sregistry.host.web.AssetsServlet;
import org.sregistry.host.web.JerseySwitch;
import org.sregistry.host.web.Layout;
import org.sregistry.host.web.PluginLoaderFilter;
import org.sregistry.host.web.SecurityHeadersFilter;
import org.sregistry.host.web.Templates;
import org.sregistry.host.web.UiFragments;
import org.sregistry.host.web.pages.AuditApiResource;
import org.sregistry.host.web.pages.AuditResource;
import org.sregistry.host.web.pages.HealthResource;
import org.sregistry.host.web.pages.ImagesPages;
import org.sregistry.host.web.pages.LoginResource;
import org.sregistry.host.web.pages.OidcLoginResource;
import org.sregistry.host.auth.oidc.OidcLogin;
import org.sregistry.host.auth.oidc.OidcOptions;
import org.sregistry.host.auth.oidc.OidcSettings;
import org.sregistry.host.web.pages.LogsResource;
import org.sregistry.host.web.pages.PasswordResource;
import org.sregistry.host.web.pages.PluginsApiResource;
import org.sregistry.host.web.pages.SettingsResource;
import org.sregistry.registry.api.RegistryApi;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.ImagePolicy;
import org.sregistry.registry.images.JdbcRegistryService;
import org.sregistry.registry.oci.OciServlet;
import org.sregistry.registry.oci.OciStore;
import org.sregistry.registry.oci.SifManifests;
import org.sregistry.registry.pluginstore.JdbcPluginStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry server: configuration, database, plugins, scheduler and the Jetty/Jersey web
 * layer, wired together. {@link #start(ServerOptions)} returns once it is listening.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final ServerOptions options;
    private final LayeredConfig config;
    private final Database database;
    private final JdbcRegistryService registry;
    private final OciStore oci;
    private final PluginHost plugins;
    private final TaskScheduler scheduler;
    private final PrometheusMeterRegistry meters;
    private final org.sregistry.host.observability.PluginMeters pluginMeters;
    private final org.sregistry.host.observability.PluginHealth pluginHealth;
    private final PasswordAccounts accounts;
    private final ApiTokens apiTokens;
    private final org.sregistry.host.users.TeamStore teams;
    private final org.sregistry.host.access.CollectionStore collections;
    private final org.sregistry.host.access.Permissions permissions;
    private final Audit audit;
    /** "Sign in with OpenID Connect", or null when not configured. */
    private final OidcLogin oidc;
    /** Tokens sign-ins received for other services, for plugins (nothing to hand over without OIDC). */
    private final org.sregistry.api.SignInGrants signInGrants;
    private final Path logFile;
    private final StorageMonitor storage;
    private final Map<String, PluginContext> contexts = new ConcurrentHashMap<>();
    private final org.sregistry.host.secrets.Keyring keyring;
    private final HttpListener listener;
    /** The LDAP directory sign-ins are checked with, or null when {@code REGISTRY_LDAP_URL} is not set. */
    private final LdapDirectory ldap;
    private JerseySwitch jersey;
    private org.sregistry.host.plugins.PluginFolderWatcher watcher;
    private ApplicationFactory applications;
    private Layout layout;
    private URI baseUri;
    private StorageCleanup cleanup;

    private RegistryServer(ServerOptions options, HttpListener listener) throws IOException {
        this.options = options;
        this.listener = listener;
        DataDirPermissions.prepare(options.dataDir());
        // a keyring readable by others refuses the start, before anything is opened
        this.keyring = new org.sregistry.host.secrets.Keyring(options.dataDir(), options.clock());
        keyring.check();
        this.logFile = LogFiles.configure(options.dataDir().resolve("logs"));
        this.config = configFor(options);
        checkStartOptions(config);
        // before anything is opened: an unreadable CA file refuses the start with nothing to close
        this.ldap = ldapSettings(config).map(RegistryServer::ldapDirectory).orElse(null);
        if (ldap != null) {
            LOG.info("LDAP sign-in: {}", ldap.settings());
        }
        OidcSettings oidcSettings = oidcSettings(config, publicUrl(), options, listener).orElse(null);
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        this.database = openDatabase(options, config);
        this.accounts = openAccounts(options, database);
        this.audit = new Audit(database, accounts.users(), options.clock());
        this.apiTokens = new ApiTokens(database, accounts.users(), options.clock(), audit);
        this.teams = new org.sregistry.host.users.TeamStore(database, options.clock());
        this.collections = new org.sregistry.host.access.CollectionStore(database, options.clock());
        this.permissions = new org.sregistry.host.access.Permissions(database, collections,
                () -> org.sregistry.host.access.AccessOptions.policy(config::find),
                (user, name) -> audit.record("collection.create", name, Audit.Outcome.OK, Map.of("owner", user.username())));
        // images from before accounts, or added by a plugin or the CLI, belong to the first administrator
        accounts.users().byName(PasswordAccounts.FIRST_ADMIN).or(() -> accounts.users().all().stream()
                .filter(org.sregistry.host.users.User::admin).findFirst())
                .ifPresent(admin -> collections.adoptUnowned(admin.id()));
        this.oidc = oidcSettings == null ? null : OidcLogin.open(oidcSettings, database, accounts.users(), keyring,
                options.clock());
        this.signInGrants = oidc != null ? oidc.grants() : org.sregistry.host.auth.oidc.OidcSignInGrants.off(
                "OpenID Connect sign-in is not configured on this registry (" + OidcOptions.CLIENT_ID + "), so there"
                        + " are no sign-in grants to renew or revoke");
        this.registry = new JdbcRegistryService(database, options.dataDir(), options.clock(),
                Long.parseLong(config.find(HostOptions.MAX_IMAGE_BYTES).orElse(Long.toString(64L << 30))),
                imagePolicy(config), new SifManifests());
        this.oci = new OciStore(database, registry, options.clock(), this::minFreeBytes);
        Map<String, Path> watched = new java.util.LinkedHashMap<>();
        watched.put("data", options.dataDir().toAbsolutePath());
        watched.put("images", registry.blobStore().folder());
        this.storage = new StorageMonitor(watched, this::minFreeBytes);
        storage.bindTo(meters);
        this.scheduler = new TaskScheduler(options.clock(), meters);
        this.plugins = new PluginHost(options.pluginDirs(), options.bundledPlugins(),
                options.dataDir().resolve("tmp").resolve("plugin-jars"), config, this::contextOf, Assets.version());
        this.pluginMeters = new org.sregistry.host.observability.PluginMeters(meters);
        plugins.addBeforeStopListener(pluginMeters::release);
        this.pluginHealth = new org.sregistry.host.observability.PluginHealth(this::startedPluginChecks);
        config.addSaveListener(new org.sregistry.host.plugins.PluginConfigChanges(this::startedPluginListeners));
    }

    /** Builds the layered configuration for these options (also used by the CLI). */
    public static LayeredConfig configFor(ServerOptions options) {
        Map<String, String> flags = new java.util.HashMap<>(options.flagValues());
        for (String id : options.enabledPlugins()) {
            flags.put(PluginKeys.enabledKey(id), "true");
        }
        LayeredConfig config = new LayeredConfig(new ConfigFile(options.configFile()), options.environment(), flags);
        List<org.sregistry.api.ConfigOption> hostOptions = new ArrayList<>(HostOptions.all());
        hostOptions.addAll(org.sregistry.host.access.AccessOptions.all());
        hostOptions.addAll(OidcOptions.all());
        hostOptions.addAll(LdapOptions.all());
        hostOptions.addAll(org.sregistry.host.mail.MailOptions.all());
        config.declare(SettingsResource.HOST_OWNER, hostOptions);
        // every secret the host reads is masked in the log, as the plugin host does for plugins' secrets
        hostOptions.stream().filter(org.sregistry.api.ConfigOption::secret)
                .forEach(o -> config.find(o.key()).filter(v -> !v.isBlank()).ifPresent(SecretMasker::register));
        return config;
    }

    /**
     * Container images only, except in the collections {@code REGISTRY_ANY_FILE_COLLECTIONS} lists
     * ({@code *}: all); read on every add, so a change on the settings page applies at once.
     */
    public static ImagePolicy imagePolicy(LayeredConfig config) {
        return new ImagePolicy(collection -> {
            String value = config.find(HostOptions.ANY_FILE_COLLECTIONS).orElse("");
            for (String listed : value.split(",")) {
                if (listed.trim().equals("*") || listed.trim().equals(collection)) {
                    return true;
                }
            }
            return false;
        }, "Only the collections in " + HostOptions.ANY_FILE_COLLECTIONS + " accept other files (an administrator"
                + " sets it on the settings page).");
    }

    /** The host's own tables (accounts, collections, sessions, audit) live apart from the registry core's history. */
    public static final String HOST_MIGRATIONS = "classpath:db/host";
    /** Flyway history table of {@link #HOST_MIGRATIONS}. */
    public static final String HOST_HISTORY_TABLE = "host_schema_history";

    /**
     * Opens the database named by the configuration (embedded SQLite in the data dir by default),
     * migrated to this version's core and host schemas.
     */
    public static Database openDatabase(ServerOptions options, LayeredConfig config) {
        Database database = config.find(HostOptions.DATABASE_URL)
                .map(url -> Database.open(options.dataDir(), url, config.find(HostOptions.DATABASE_USER).orElse(null),
                        config.find(HostOptions.DATABASE_PASSWORD).orElse(null)))
                .orElseGet(() -> Database.open(options.dataDir()));
        try {
            database.migrateExtra(HOST_MIGRATIONS, HOST_HISTORY_TABLE);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The accounts of a migrated database, importing a 0.1.0 data dir's admin and tokens first. */
    public static PasswordAccounts openAccounts(ServerOptions options, Database database) {
        UserStore users = new UserStore(database, options.clock());
        LegacyAuthImport.run(options.dataDir(), database, users, options.clock());
        return PasswordAccounts.open(options.dataDir(), users);
    }

    /**
     * Starts a server and returns when it accepts requests. The port is bound first: when it is
     * taken, nothing has been written to the data dir.
     *
     * @throws org.sregistry.host.http.ListenException when the port cannot be bound
     */
    public static RegistryServer start(ServerOptions options) throws Exception {
        return start(options, HttpListener.open(options.bind(), options.port()));
    }

    /** Starts a server on a port bound beforehand (closed when the start fails). */
    public static RegistryServer start(ServerOptions options, HttpListener listener) throws Exception {
        RegistryServer server;
        try {
            server = new RegistryServer(options, listener);
        } catch (Exception | Error e) {
            listener.close();
            throw e;
        }
        try {
            server.startUp();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startUp() throws Exception {
        Templates templates = new Templates();
        org.sregistry.host.plugins.PluginPaths pluginPaths = new org.sregistry.host.plugins.PluginPaths(plugins);
        UiFragments fragments = new UiFragments(plugins, pluginPaths,
                new org.sregistry.host.web.FragmentFailures(options.clock()));
        layout = new Layout(templates, fragments, options::banner);
        Sessions sessions = new Sessions(database, accounts.users(), options.clock());
        PasswordLogins logins = new PasswordLogins(accounts, options.clock(),
                ldap == null ? null : new LdapAccounts(ldap, database, accounts.users(), options.clock()));
        PublicUrl publicUrl = publicUrl();
        SessionCookies cookies = new SessionCookies(sessions, publicUrl != null && publicUrl.https());
        config.find(HostOptions.TRUSTED_PROXIES).filter(v -> !v.isBlank())
                .ifPresent(list -> listener.http().addCustomizer(TrustedProxies.parse(list)));

        plugins.discover();
        plugins.applyEnablement();
        registerPluginGauges();

        // the storage clean-up: a host-owned task (host/registry-gc), reported and run from /settings
        cleanup = new StorageCleanup(database, registry, oci, config, options.clock());
        // the audit log's retention (host/audit-retention, daily): the host's too
        scheduler.start(StorageCleanup.OWNER, RegistryServer.class.getClassLoader(),
                List.of(cleanup, AuditRetention.of(audit, config, options.clock()),
                        new org.sregistry.host.auth.SessionSweep(sessions, oidc == null ? () -> 0 : oidc.pending()::sweep,
                                oidc == null ? () -> 0 : oidc.grants()::sweep)));

        applications = new ApplicationFactory(() -> hostResources(templates, fragments, sessions, logins, cookies, publicUrl), plugins,
                database.folder().orElse(null));
        jersey = new JerseySwitch(applications.build());

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new HttpMetricsFilter(meters)), "/*", requests);
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*", requests);
        context.addFilter(new FilterHolder(new CanonicalPathFilter()), "/*", requests);
        context.addFilter(new FilterHolder(HostAllowList.of(publicUrl, options.bind())), "/*", requests);
        context.addFilter(new FilterHolder(new AuditRequests()), "/*", requests);
        context.addFilter(new FilterHolder(new AuthFilter(sessions, logins, apiTokens,
                publicUrl == null ? null : publicUrl.origin(), new org.sregistry.host.auth.AdminPaths(pluginPaths::isPluginPath,
                        pluginPaths::isUserPath),
                permissions::anonymousPull, audit)), "/*", requests);
        context.addFilter(new FilterHolder(new PluginLoaderFilter(plugins)), "/*", requests);
        AssetsServlet assets = new AssetsServlet(plugins);
        context.addServlet(new ServletHolder("assets", assets), "/webjars/*");
        context.addServlet(new ServletHolder("static", assets), "/static/*");
        context.addServlet(new ServletHolder("metrics", new MetricsServlet(meters)), "/metrics");
        OciRealm realm = new OciRealm(publicUrl);
        OciTokens ociTokens = new OciTokens(options.dataDir(), options.clock());
        OciCredentials credentials = new OciCredentials(logins, apiTokens, accounts.users(), permissions::anonymousPull);
        org.sregistry.host.oci.OciGrants grants = new org.sregistry.host.oci.OciGrants(permissions);
        context.addServlet(new ServletHolder("oci", new OciServlet(oci,
                new RegistryOciAccess(credentials, ociTokens, realm, grants, accounts.users()), audit.imageEvents())), "/v2/*");
        context.addServlet(new ServletHolder("oci-token", new TokenServlet(credentials, ociTokens, realm, grants,
                options.clock())), OciRealm.TOKEN_PATH);
        ServletHolder library = new ServletHolder("library", new LibraryServlet(registry, credentials, ociTokens, realm,
                grants, Assets.version()));
        for (String path : List.of(LibraryServlet.CONFIG_PATH, LibraryServlet.VERSION_PATH, LibraryServlet.V1_PREFIX + "*")) {
            context.addServlet(library, path);
        }
        context.addServlet(new ServletHolder("jersey", jersey), "/*");
        listener.server().setHandler(context);
        listener.server().start();

        plugins.addBeforeStopListener(scheduler::stop);
        plugins.addBeforeStopListener(fragments.failures()::forget);
        plugins.addListener(this::pluginsChanged);
        syncTasks();
        // from now on a jar copied into (or removed from) the plugins folder is picked up without a listing
        watcher = org.sregistry.host.plugins.PluginFolderWatcher.start(plugins);

        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        baseUri = URI.create("http://" + host + ":" + listener.port() + "/");
        LOG.info("Registry {} listening on {} (data dir {}, log {}{})", Assets.version(), baseUri,
                options.dataDir().toAbsolutePath(), logFile, publicUrl == null ? "" : ", public URL " + publicUrl);
    }

    private List<Object> hostResources(Templates templates, UiFragments fragments, Sessions sessions,
                                       PasswordLogins logins, SessionCookies cookies, PublicUrl publicUrl) {
        List<Object> resources = new ArrayList<>();
        LoginResource login = new LoginResource(layout, sessions, accounts, logins, cookies, audit,
                oidc == null ? null : next -> OidcLoginResource.button(oidc, next));
        resources.add(login);
        if (oidc != null) {
            resources.add(new OidcLoginResource(oidc, login, sessions, cookies, publicUrl != null && publicUrl.https(),
                    audit));
        }
        org.sregistry.host.access.RegistryCollectionAccess access = new org.sregistry.host.access.RegistryCollectionAccess(
                permissions);
        resources.add(new ImagesPages(layout, registry, fragments, publicUrl, access, audit.imageEvents()));
        org.sregistry.host.users.UserAdmin userAdmin = new org.sregistry.host.users.UserAdmin(accounts.users(), database, audit);
        resources.add(new org.sregistry.host.users.UsersApiResource(accounts.users(), userAdmin));
        resources.add(new org.sregistry.host.users.UsersPage(layout, accounts.users(), userAdmin));
        resources.add(new org.sregistry.host.users.TeamsApiResource(teams, accounts.users(), audit));
        resources.add(new org.sregistry.host.users.ProfileResource(layout, apiTokens, this::collectionLines,
                (user, change) -> userAdmin.update(user.username(), change)));
        resources.add(new org.sregistry.host.users.MeResource(apiTokens, this::collectionLines, permissions::mayCreate));
        org.sregistry.host.access.CollectionAdmin collectionAdmin = new org.sregistry.host.access.CollectionAdmin(
                collections, permissions, accounts.users(), teams, audit);
        resources.add(new org.sregistry.host.access.CollectionsApiResource(collectionAdmin));
        resources.add(new org.sregistry.host.access.CollectionPage(layout, collectionAdmin));
        org.sregistry.host.plugins.PluginInstaller installer = new org.sregistry.host.plugins.PluginInstaller(plugins);
        resources.add(new SettingsResource(layout, plugins, config, scheduler, apiTokens, fragments,
                accounts.initialPasswordFile(), cleanup, audit, ldap == null ? null : ldap.settings(),
                new org.sregistry.host.mail.TestMail(mail("host"), audit), installer));
        resources.add(new PasswordResource(accounts, logins, sessions, cookies, audit));
        resources.add(new AuditResource(layout, audit));
        resources.add(new AuditApiResource(audit));
        resources.add(new LogsResource(layout, logFile));
        resources.add(new PluginsApiResource(plugins, config, installer, audit));
        resources.add(new HealthResource(plugins, this::databaseUp, storage, pluginHealth));
        resources.addAll(RegistryApi.resources(registry, registry.maxImageBytes(), this::minFreeBytes, access,
                audit.imageEvents()));
        resources.addAll(RegistryApi.providers());
        return resources;
    }

    /** The collections a user may use, for their profile and {@code /api/me}. */
    private List<org.sregistry.host.users.ProfileModel.CollectionLine> collectionLines(org.sregistry.host.users.User user) {
        List<org.sregistry.host.users.ProfileModel.CollectionLine> lines = new ArrayList<>();
        for (org.sregistry.host.access.Permissions.Usable usable : permissions.usableCollections(user)) {
            lines.add(new org.sregistry.host.users.ProfileModel.CollectionLine(usable.collection().name(),
                    usable.permission().key(), usable.collection().visibility().key()));
        }
        return lines;
    }

    /** An invalid floor, public URL or proxy list refuses the start, naming the key, the value and its source. */
    private static void checkStartOptions(LayeredConfig config) {
        Map<String, String> problems = config.problems(SettingsResource.HOST_OWNER);
        for (String key : HostOptions.CHECKED_AT_START) {
            if (problems.get(key) != null) {
                throw new org.sregistry.host.config.ConfigException(key, problems.get(key));
            }
        }
    }

    /**
     * The LDAP sign-in settings, empty when {@code REGISTRY_LDAP_URL} is not set.
     *
     * @throws org.sregistry.host.config.ConfigException when they cannot work, naming the key
     */
    private static java.util.Optional<LdapSettings> ldapSettings(LayeredConfig config) {
        try {
            return LdapSettings.from(config::find);
        } catch (IllegalArgumentException e) {
            // the settings say which option to change; anything else they could not read is the URL's
            String key = e instanceof LdapSettings.Refused refused ? refused.key() : LdapOptions.URL;
            throw new org.sregistry.host.config.ConfigException(key, e.getMessage());
        }
    }

    /** The directory for {@code settings}; an unreadable CA file refuses the start. */
    private static LdapDirectory ldapDirectory(LdapSettings settings) {
        try {
            return new LdapDirectory(settings);
        } catch (IllegalArgumentException e) {
            throw new org.sregistry.host.config.ConfigException(LdapOptions.CA_FILE,
                    LdapOptions.CA_FILE + "=" + settings.caFile().orElse(null) + ": " + e.getMessage());
        }
    }

    /**
     * The OpenID Connect settings, when a client id is set; invalid ones refuse the start, naming the key. The
     * redirect URI defaults to {@code <public-url>/login/oidc/callback}, or the bound address without a public URL.
     */
    private static java.util.Optional<OidcSettings> oidcSettings(LayeredConfig config, PublicUrl publicUrl,
                                                                 ServerOptions options, HttpListener listener) {
        return OidcLogin.settings(config::find, defaultOidcRedirect(publicUrl, options, listener.port()));
    }

    private static URI defaultOidcRedirect(PublicUrl publicUrl, ServerOptions options, int port) {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        String base = publicUrl != null ? publicUrl.origin() : "http://" + host + ":" + port;
        return URI.create(base + OidcLoginResource.CALLBACK_PATH);
    }

    /**
     * The redirect URI a server started with these options on this port sends to the OpenID Connect provider:
     * {@code REGISTRY_OIDC_REDIRECT_URI}, else {@code <public-url>/login/oidc/callback}, else the bound address's
     * (the demo registers it at its simulator before the start).
     */
    public static URI oidcRedirectUri(ServerOptions options, int port) {
        LayeredConfig config = configFor(options);
        return config.find(OidcOptions.REDIRECT_URI).map(String::trim).filter(v -> !v.isEmpty()).map(URI::create)
                .orElseGet(() -> defaultOidcRedirect(config.find(HostOptions.PUBLIC_URL).filter(v -> !v.isBlank())
                        .map(PublicUrl::parse).orElse(null), options, port));
    }

    /** {@code REGISTRY_PUBLIC_URL}, when set. */
    private PublicUrl publicUrl() {
        return config.find(HostOptions.PUBLIC_URL).filter(v -> !v.isBlank()).map(PublicUrl::parse).orElse(null);
    }

    /**
     * The free-space floor now ({@code REGISTRY_MIN_FREE_BYTES}, live: it can be changed on the
     * settings page). A value made invalid behind our back (the config file edited by hand) counts
     * as the default; the settings page shows the problem.
     */
    public long minFreeBytes() {
        String value = config.find(HostOptions.MIN_FREE_BYTES).orElse(HostOptions.DEFAULT_MIN_FREE);
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            return ByteSize.parse(HostOptions.DEFAULT_MIN_FREE);
        }
    }

    private boolean databaseUp() {
        try (var connection = database.dataSource().getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private void pluginsChanged() {
        // stopped plugins' class loaders close once the requests that began on the old application have ended
        Runnable releaseOldLoaders = plugins.takeRetired();
        try {
            jersey.swap(applications.build(), releaseOldLoaders);
        } catch (ServletException | RuntimeException e) {
            LOG.error("Could not rebuild the web application after a plugin change", e);
            releaseOldLoaders.run(); // closing twice is harmless
        }
        syncTasks();
    }

    /** Tasks run for exactly the started plugins, each with the instance (class loader) that is running now. */
    private synchronized void syncTasks() {
        Set<String> startedIds = new java.util.HashSet<>();
        for (PluginRecord plugin : plugins.started()) {
            startedIds.add(plugin.id());
            boolean current = scheduler.loaderOf(plugin.id()).map(l -> l == plugin.classLoader()).orElse(false);
            if (!current) {
                scheduler.stop(plugin.id()); // tasks of an earlier instance, if any
                if (!plugin.contributions().tasks().isEmpty()) {
                    scheduler.start(plugin.id(), plugin.classLoader(), plugin.contributions().tasks());
                }
            }
        }
        for (String id : scheduler.scheduledPlugins()) {
            if (!startedIds.contains(id) && !id.equals(StorageCleanup.OWNER)) { // the host's own tasks stay
                scheduler.stop(id);
            }
        }
    }

    private void registerPluginGauges() {
        Gauge.builder("registry.plugins.started", plugins, p -> p.started().size()).register(meters);
        Gauge.builder("registry.plugins.failed", plugins,
                p -> p.plugins().stream().filter(r -> r.state() == PluginState.FAILED).count()).register(meters);
        // a one-row page: only its total is wanted, not a thousand images per scrape
        Gauge.builder("registry.images", registry,
                        r -> r.list(new ImageQuery("", ImageQuery.Sort.NEWEST, 1, 0)).total())
                .register(meters);
    }

    /** The health checks of the plugins that run now, for {@code /health}. */
    private List<org.sregistry.host.observability.PluginHealth.PluginChecks> startedPluginChecks() {
        return plugins.started().stream().map(p -> new org.sregistry.host.observability.PluginHealth.PluginChecks(
                p.id(), p.classLoader(), p.contributions().health())).toList();
    }

    /** The option listeners of {@code pluginId} while it runs. */
    private java.util.Optional<org.sregistry.host.plugins.PluginConfigChanges.Listeners> startedPluginListeners(
            String pluginId) {
        return plugins.plugin(pluginId).filter(p -> p.state() == PluginState.STARTED)
                .map(p -> new org.sregistry.host.plugins.PluginConfigChanges.Listeners(p.classLoader(),
                        p.contributions().configListeners()));
    }

    private PluginContext contextOf(String pluginId) {
        return contexts.computeIfAbsent(pluginId, id -> new HostPluginContext(id, new ScopedPluginConfig(config),
                registry.forPlugin(id), new JdbcPluginStore(database, id, options.clock()), layout, options.clock(),
                options.dataDir(), false, scheduler::runNow,
                new org.sregistry.host.plugins.HostAccess(permissions, accounts.users(), registry),
                new org.sregistry.host.plugins.HostAuditLog(id, audit, accounts.users()), keyring.forPlugin(id), signInGrants,
                mail(id), pluginMeters));
    }

    /** E-mail to users by name, for {@code requester} (a plugin id, or {@code host}): the log says who sent. */
    private org.sregistry.host.mail.HostMail mail(String requester) {
        return new org.sregistry.host.mail.HostMail(requester, accounts.users(), config::find,
                new org.sregistry.host.mail.SmtpTransport(options.clock()));
    }

    /** The plugins' {@link org.sregistry.api.SignInGrants} (the same object every plugin's context holds). */
    public org.sregistry.api.SignInGrants signInGrants() {
        return signInGrants;
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The data dir. */
    public Path dataDir() {
        return options.dataDir();
    }

    /** The plugin host. */
    public PluginHost plugins() {
        return plugins;
    }

    /** The configuration. */
    public LayeredConfig config() {
        return config;
    }

    /** The scheduler. */
    public TaskScheduler scheduler() {
        return scheduler;
    }

    /** The image registry. */
    public JdbcRegistryService registry() {
        return registry;
    }

    /** The storage behind {@code /v2/}. */
    public OciStore oci() {
        return oci;
    }

    /** The accounts and their local passwords. */
    public PasswordAccounts accounts() {
        return accounts;
    }

    /** The accounts. */
    public UserStore users() {
        return accounts.users();
    }

    /** The permission model. */
    public org.sregistry.host.access.Permissions permissions() {
        return permissions;
    }

    /** The collections' owners, visibility and members. */
    public org.sregistry.host.access.CollectionStore collections() {
        return collections;
    }

    /** The teams. */
    public org.sregistry.host.users.TeamStore teams() {
        return teams;
    }

    /** The API tokens. */
    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /** The audit log. */
    public Audit audit() {
        return audit;
    }

    /** The Prometheus text {@code /metrics} serves. */
    public String metricsText() {
        return meters.scrape();
    }

    /** The application log file. */
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        try {
            listener.server().stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        }
        listener.close();
        scheduler.close();
        plugins.close();
        if (oidc != null) {
            oidc.close(); // the replaced sign-in grants still queued are revoked (a few seconds at most)
        }
        audit.close(); // the queued pulls are written before the database closes
        if (ldap != null) {
            ldap.close();
        }
        database.close();
        pluginHealth.close();
        meters.close();
    }
}
