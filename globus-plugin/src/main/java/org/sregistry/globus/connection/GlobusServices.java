package org.sregistry.globus.connection;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.client.TokenRenewer;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.StoredTokens;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.sharing.RuleFinder;
import org.sregistry.globus.sharing.ShareSlots;
import org.sregistry.globus.sharing.Shares;
import org.sregistry.globus.sharing.SharingMode;
import org.sregistry.globus.sharing.TransferShares;
import org.sregistry.globus.transfers.GlobusMeters;
import org.sregistry.globus.transfers.TransferAccess;
import org.sregistry.globus.tokens.ConnectionTokens;
import org.sregistry.globus.tokens.TokenStore;
import org.sregistry.globus.tokens.UserTokenStore;

/**
 * What every Globus feature of the plugin shares, for the server and the CLI alike: current settings, the token
 * file ({@code <plugin data>/tokens.json}), the Globus clients (rebuilt when the service roots or the client id
 * change), the login flow, the connection check and logout. One instance per plugin start, made by
 * {@link org.sregistry.globus.GlobusPlugin}. Thread-safe.
 */
public final class GlobusServices {
    private static final Logger LOG = LoggerFactory.getLogger(GlobusServices.class);

    /** The token file's name in the plugin data dir. */
    public static final String TOKEN_FILE = "tokens.json";
    /** The CLI's login-in-progress file's name in the plugin data dir. */
    public static final String PENDING_LOGIN_FILE = "pending-login.json";

    /** Timeout of checks a person waits for. */
    static final Duration QUICK_TIMEOUT = Duration.ofSeconds(15);

    private final PluginContext context;
    private final GlobusSettings settings;
    private final TokenStore tokens;
    private final PendingLoginFile pendingLogin;
    private final TokenRenewer hostRenewer;
    // One HTTP client for the plugin's lifetime: rebuilding clients must not leak selector threads.
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private UserTokenStore userTokens;
    private final BooleanSupplier perUser;
    private final SharingMode sharing;
    private ShareSlots shareSlots;
    private TransferAccess transferAccess;
    private Connections connections;
    private GlobusClients.Key clientsKey;
    private GlobusMeters meters;

    /** Services for the plugin with this context. */
    public GlobusServices(PluginContext context) {
        this.context = context;
        this.settings = new GlobusSettings(context.config(), context.hostDataDir());
        this.tokens = new TokenStore(context.dataDir().resolve(TOKEN_FILE), context.clock());
        this.pendingLogin = new PendingLoginFile(context.dataDir().resolve(PENDING_LOGIN_FILE));
        this.hostRenewer = new HostGrantRenewer(context.signInGrants());
        // decided anew whenever the service connection's token file changes (a login, refresh or logout)
        this.sharing = new SharingMode(settings, () -> clients().quickTransfer(), () -> tokens.read().updatedAt(),
                context.clock());
        // each user acts as their own identity exactly when the registry's collection can give them access
        this.perUser = () -> sharing.current().guest();
        // the database is opened on first use only: "registry globus status" on a new data dir must not create it
    }

    /** Whether the registry's collection is a guest collection it manages (then users act as themselves). */
    public SharingMode sharing() {
        return sharing;
    }

    /** The service connection's access-rule client (it manages who may use the registry's collection). */
    public AccessRuleClient accessRules() {
        GlobusClients service = clients();
        return new AccessRuleClient(service.config(), service.tokens());
    }

    /**
     * The rules users' own transfers need on the registry's collection (asked only for transfers made with a user's
     * own connection, which exist only while it is a managed guest collection).
     */
    public synchronized TransferAccess transferAccess() {
        if (transferAccess == null) {
            RuleFinder finder = new RuleFinder(this::accessRules);
            transferAccess = new TransferShares(new Shares(this::accessRules, finder), finder, shareSlots(),
                    () -> settings.endpointId().orElseThrow(), settings::taskDeadline, context.clock());
        }
        return transferAccess;
    }

    /** The share slots (how many users' transfers hold an access rule now). */
    public synchronized ShareSlots shareSlots() {
        if (shareSlots == null) {
            shareSlots = new ShareSlots(context.store(), settings::maxShares);
        }
        return shareSlots;
    }

    private synchronized UserTokenStore userTokens() {
        if (userTokens == null) {
            userTokens = new UserTokenStore(context.store(), context.secrets(), context.clock());
        }
        return userTokens;
    }

    /** The plugin's meters (transfers submitted, images imported), shared by its pages, API and task. */
    public synchronized GlobusMeters meters() {
        if (meters == null) {
            meters = new GlobusMeters(context.metrics());
        }
        return meters;
    }

    /** The host services. */
    public PluginContext context() {
        return context;
    }

    /** Current settings. */
    public GlobusSettings settings() {
        return settings;
    }

    /** The token file shared by CLI and server. */
    public TokenStore tokenStore() {
        return tokens;
    }

    /** The Globus services the current settings point at (stored tokens are used only with their own roots). */
    public ServiceRoots roots() {
        return new ServiceRoots(settings.authRoot(), settings.transferRoot());
    }

    /** The stored tokens if they belong to the configured services, else nothing (as if not logged in). */
    public StoredTokens usableTokens() {
        return tokens.readFor(roots());
    }

    /** The CLI's login in progress. */
    public PendingLoginFile pendingLoginFile() {
        return pendingLogin;
    }

    /** The clients for the current settings (the same instances while the settings stay the same). */
    public GlobusClients clients() {
        return connections().service().clients();
    }

    /**
     * The connections for the current settings: the service connection and every user's own (the same instances
     * while the settings stay the same).
     */
    public synchronized Connections connections() {
        GlobusClients.Key key = new GlobusClients.Key(settings.authRoot(), settings.transferRoot(),
                settings.clientId().orElse(null));
        if (connections == null || !key.equals(clientsKey)) {
            String label = settings.robotName().map(name -> "sregistry " + name).orElse("sregistry");
            Connection service = new Connection(null, tokens, build(key, tokens), context.clock(), label);
            connections = new Connections(service, this::userTokens, t -> build(key, t), perUser, context.clock(), label);
            clientsKey = key;
        }
        return connections;
    }

    /** The Transfer client of the service connection. */
    public TransferClient transfer() {
        return clients().transfer();
    }

    /** The login flow of the service connection. */
    public GlobusLogin login() {
        return connections().service().login();
    }

    /** Checks the service connection against Globus (one Transfer request; refreshes an expired token). */
    public ConnectionStatus status() {
        return connections().service().status();
    }

    /**
     * Revokes every token of the service connection at Globus and deletes the token file, also when a revocation
     * fails: the admin asked for the registry to forget them.
     */
    public LogoutResult logout() {
        LogoutResult result = connections().service().logout();
        pendingLogin.delete();
        return result;
    }

    /** The command that runs a {@code registry globus ...} subcommand against this registry's data dir. */
    public String cliCommand(String subcommand) {
        return "registry --data-dir " + context.hostDataDir().toAbsolutePath().normalize() + " globus " + subcommand;
    }

    private GlobusClients build(GlobusClients.Key key, ConnectionTokens connectionTokens) {
        LOG.debug("Globus clients for auth {} and transfer {}", key.authRoot(), key.transferRoot());
        return GlobusClients.build(key, connectionTokens, http, context.clock(), hostRenewer);
    }
}
