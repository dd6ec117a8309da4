package org.sregistry.globus.connection;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.client.AccessTokenManager;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusAuthClient;
import org.sregistry.globus.client.GlobusClientConfig;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.RetryPolicy;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.tokens.ServiceRoots;
import org.sregistry.globus.tokens.StoredTokens;
import org.sregistry.globus.tokens.TokenStore;

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
    // One HTTP client for the plugin's lifetime: rebuilding clients must not leak selector threads.
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private GlobusClients clients;
    private GlobusClients.Key clientsKey;

    /** Services for the plugin with this context. */
    public GlobusServices(PluginContext context) {
        this.context = context;
        this.settings = new GlobusSettings(context.config(), context.hostDataDir());
        this.tokens = new TokenStore(context.dataDir().resolve(TOKEN_FILE), context.clock());
        this.pendingLogin = new PendingLoginFile(context.dataDir().resolve(PENDING_LOGIN_FILE));
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
    public synchronized GlobusClients clients() {
        GlobusClients.Key key = new GlobusClients.Key(settings.authRoot(), settings.transferRoot(),
                settings.clientId().orElse(null));
        if (clients == null || !key.equals(clientsKey)) {
            clients = build(key);
            clientsKey = key;
        }
        return clients;
    }

    /** The Transfer client for the current settings. */
    public TransferClient transfer() {
        return clients().transfer();
    }

    /** The login flow for the current settings. */
    public GlobusLogin login() {
        String label = settings.robotName().map(name -> "sregistry " + name).orElse("sregistry");
        return new GlobusLogin(clients(), tokens, context.clock(), label);
    }

    /** Checks the stored credentials against Globus (one Transfer request; refreshes an expired token). */
    public ConnectionStatus status() {
        return new ConnectionChecker(tokens, clients()).check();
    }

    /**
     * Revokes every stored token at Globus (login and consent tokens) and deletes the token file, also when a
     * revocation fails: the admin asked for the registry to forget them.
     */
    public LogoutResult logout() {
        StoredTokens stored = tokens.read();
        List<ResourceToken> all = new ArrayList<>(stored.tokens().values());
        all.addAll(stored.consentTokens().values());
        List<String> failures = new ArrayList<>();
        if (stored.belongsElsewhere(roots())) {
            // revoking would send them to a service that did not issue them: only delete them
            failures.add("the stored tokens belong to another Globus service (" + stored.roots()
                    + "), so they were not revoked, only deleted");
            all = List.of();
        }
        int revoked = 0;
        Optional<GlobusAuthClient> auth = clients().auth();
        if (auth.isEmpty() && !all.isEmpty()) {
            failures.add("PLUGIN_GLOBUS_CLIENT_ID is not set, so the tokens could not be revoked at Globus");
        }
        for (ResourceToken token : all) {
            if (auth.isEmpty()) {
                break;
            }
            for (String secret : new String[] {token.refreshToken(), token.accessToken()}) {
                if (secret == null || secret.isBlank()) {
                    continue;
                }
                try {
                    auth.get().revoke(secret);
                    revoked++;
                } catch (GlobusApiException e) {
                    failures.add("revoking a " + token.resourceServer() + " token failed: " + e.getMessage());
                }
            }
        }
        boolean had = tokens.delete();
        pendingLogin.delete();
        LOG.info("Globus logout: {} tokens revoked, {} failures, token file {}", revoked, failures.size(),
                had ? "deleted" : "was absent");
        return new LogoutResult(had || !all.isEmpty(), revoked, failures);
    }

    /** The command that runs a {@code registry globus ...} subcommand against this registry's data dir. */
    public String cliCommand(String subcommand) {
        return "registry --data-dir " + context.hostDataDir().toAbsolutePath().normalize() + " globus " + subcommand;
    }

    private GlobusClients build(GlobusClients.Key key) {
        GlobusClientConfig config = GlobusClientConfig.builder()
                .authRoot(key.authRoot())
                .transferRoot(key.transferRoot())
                .clientId(key.clientId())
                .clock(context.clock())
                .httpClient(http)
                .build();
        Optional<GlobusAuthClient> auth = key.clientId() == null ? Optional.empty()
                : Optional.of(new GlobusAuthClient(config));
        AccessTokenManager manager = new AccessTokenManager(tokens.provider(ServiceRoots.of(config)),
                auth.orElse(null), context.clock());
        LOG.debug("Globus clients for auth {} and transfer {}", key.authRoot(), key.transferRoot());
        GlobusClientConfig quick = GlobusClientConfig.builder()
                .authRoot(key.authRoot())
                .transferRoot(key.transferRoot())
                .clientId(key.clientId())
                .clock(context.clock())
                .httpClient(http)
                .retryPolicy(RetryPolicy.none())
                .requestTimeout(QUICK_TIMEOUT)
                .build();
        return new GlobusClients(config, auth, manager, new TransferClient(config, manager),
                new TransferClient(quick, manager));
    }
}
