package org.sregistry.host.plugins;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.sregistry.host.observability.PluginMeters;
import org.sregistry.registry.files.OwnerOnly;

/** The host services of one plugin ({@code access}: {@link HostAccess}; {@code audit}: {@link HostAuditLog};
 * {@code secrets}: {@link org.sregistry.host.secrets.Keyring#forPlugin}; {@code signInGrants}: the server's one
 * {@link org.sregistry.host.auth.oidc.OidcSignInGrants}, shared by all plugins; {@code mail}:
 * {@link org.sregistry.host.mail.HostMail}; {@code metrics}: the running instance's registry from
 * {@link PluginMeters}). */
public record HostPluginContext(String pluginId, PluginConfig config, RegistryService registry, PluginStore store,
                                PageRenderer pages, Clock clock, Path hostDataDir, boolean cliMode,
                                java.util.function.BiConsumer<String, String> taskRunner, Access access,
                                AuditLog audit, Secrets secrets, SignInGrants signInGrants, Mail mail,
                                PluginMeters meters)
        implements PluginContext {

    @Override
    public MeterRegistry metrics() {
        return meters.of(pluginId);
    }

    @Override
    public void runTaskSoon(String taskName) {
        taskRunner.accept(pluginId, taskName);
    }

    @Override
    public Path dataDir() {
        return dataDirOf(hostDataDir, pluginId);
    }

    /** {@code <data-dir>/plugin-data/<id>} (the same for the server and the CLI), not created. */
    public static Path dataDirPath(Path hostDataDir, String pluginId) {
        return hostDataDir.resolve("plugin-data").resolve(pluginId);
    }

    /**
     * {@code <data-dir>/plugin-data/<id>}, created on first use (the server's), 0700 like the data dir: a plugin
     * keeps tokens and staged files there.
     */
    public static Path dataDirOf(Path hostDataDir, String pluginId) {
        Path dir = dataDirPath(hostDataDir, pluginId);
        try {
            OwnerOnly.folder(dir.getParent());
            OwnerOnly.folder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
