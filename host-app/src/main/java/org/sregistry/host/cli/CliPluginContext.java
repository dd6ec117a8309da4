package org.sregistry.host.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.Mail;
import org.sregistry.api.PageRenderer;
import org.sregistry.api.PluginConfig;
import org.sregistry.api.PluginContext;
import org.sregistry.api.PluginStore;
import org.sregistry.api.RegistryService;
import org.sregistry.api.Secrets;
import org.sregistry.api.SignInGrants;
import org.sregistry.host.auth.oidc.OidcSignInGrants;
import org.sregistry.host.plugins.HostPluginContext;

/**
 * A plugin's context in the CLI: the same configuration and data dir as the server; the
 * database is opened only when a command touches the registry or the store, and the plugin's data
 * folder is not created just by loading the plugin. No sign-in grants ({@link #signInGrants()}).
 */
final class CliPluginContext implements PluginContext {
    private final String pluginId;
    private final PluginConfig config;
    private final Supplier<RegistryService> registry;
    private final Supplier<PluginStore> store;
    private final Path hostDataDir;
    private final Access access = new CliAccess();
    /** Sign-in grants live in the server: the CLI has no sign-in, so none to take, and it renews none. */
    private final SignInGrants signInGrants = OidcSignInGrants.off("sign-in grants are handed over, renewed and"
            + " revoked by the registry server only, not by the CLI");
    private final AuditLog audit;
    private final Secrets secrets;
    private final Mail mail = new org.sregistry.host.mail.UnavailableMail();
    /** No-op meters: a CLI run has no /metrics. */
    private final MeterRegistry metrics = new CompositeMeterRegistry();

    /**
     * @param audit   the CLI's audit log (actor {@code cli:<os user>}; the database opened on first use)
     * @param secrets the same keyring as the server's
     */
    CliPluginContext(String pluginId, PluginConfig config, Supplier<RegistryService> registry,
                     Supplier<PluginStore> store, Path hostDataDir, AuditLog audit, Secrets secrets) {
        this.pluginId = pluginId;
        this.secrets = secrets;
        this.audit = audit;
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.hostDataDir = hostDataDir;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public RegistryService registry() {
        return registry.get();
    }

    @Override
    public PluginStore store() {
        return store.get();
    }

    @Override
    public PageRenderer pages() {
        throw new UnsupportedOperationException("pages are rendered by the server, not the CLI");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code <data-dir>/plugin-data/<id>}, not created here: a command that writes there creates it. */
    @Override
    public Path dataDir() {
        return HostPluginContext.dataDirPath(hostDataDir, pluginId);
    }

    @Override
    public Path hostDataDir() {
        return hostDataDir;
    }

    @Override
    public void runTaskSoon(String taskName) {
        // no scheduler in a CLI process: the server's task picks the work up on its next run
    }

    @Override
    public boolean cliMode() {
        return true;
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    /** Never a grant to take; refresh and revoke throw {@link org.sregistry.api.GrantsUnavailableException}. */
    @Override
    public SignInGrants signInGrants() {
        return signInGrants;
    }

    /** Never available: e-mail is the server's (a CLI command that wants to notify leaves it to the server's task). */
    @Override
    public Mail mail() {
        return mail;
    }

    @Override
    public MeterRegistry metrics() {
        return metrics;
    }
}
