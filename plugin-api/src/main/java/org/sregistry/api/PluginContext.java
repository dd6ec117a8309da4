package org.sregistry.api;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The host services one plugin may use. The host creates one context per plugin and passes it
 * to the constructors of the plugin class and its extensions that ask for it.
 */
public interface PluginContext {

    /** The plugin's id as declared in its descriptor, e.g. {@code globus}. */
    String pluginId();

    /** The plugin's resolved configuration (layered; changes apply without restart). */
    PluginConfig config();

    /** The registry's images. */
    RegistryService registry();

    /** Durable plugin-scoped records in the host database. */
    PluginStore store();

    /** Wraps page bodies in the host layout. */
    PageRenderer pages();

    /** The clock to use for every time decision, so that tests can move time. */
    Clock clock();

    /**
     * A folder private to this plugin under the host data dir. The server creates it; in the CLI ({@link #cliMode()})
     * it is not created just because the plugin was loaded, so create it before writing into it.
     */
    Path dataDir();

    /** The host data dir ({@code --data-dir}). */
    Path hostDataDir();

    /**
     * Asks the host to run one of this plugin's {@link ScheduledTask}s soon instead of at its next
     * scheduled time (e.g. right after submitting work the task watches). Never runs it twice at
     * once; does nothing when the task is not scheduled (plugin disabled, CLI mode).
     */
    void runTaskSoon(String taskName);

    /** True when the host runs as a CLI command rather than a server. */
    boolean cliMode();

    /**
     * The current caller and the host's permission check (in the CLI: the operator, who may do everything).
     *
     * <pre>{@code
     * Access.Caller me = context.access().caller().orElseThrow(() -> new NotAuthorizedException("sign in"));
     * boolean visible = context.access().mayPull(me, "demo/lolcow:latest");
     * }</pre>
     */
    Access access();

    /**
     * Records an audit event; the host adds who, when and from where, and prefixes this plugin's id to the action.
     *
     * <pre>{@code
     * context.audit().record("transfer.get", "demo", Map.of("task", taskId));   // stored as globus.transfer.get
     * }</pre>
     */
    AuditLog audit();

    /**
     * Seals small secrets for storage in records, with a key kept in the data dir (see {@link Secrets}).
     *
     * <pre>{@code
     * String sealed = context.secrets().seal("webhook-key", key);
     * String key = context.secrets().open("webhook-key", sealed).plaintext();
     * }</pre>
     */
    Secrets secrets();

    /**
     * Tokens the caller's OpenID Connect sign-in received for other services, e.g. Globus Transfer (see
     * {@link SignInGrants}). In the CLI nothing is ever there to take.
     *
     * <pre>{@code
     * Optional<SignInGrants.Grant> grant = context.signInGrants().take(me, "transfer.api.globus.org");
     * SignInGrants.Grant fresh = context.signInGrants().refresh("transfer.api.globus.org", refreshToken);
     * }</pre>
     */
    SignInGrants signInGrants();

    /**
     * Plain-text e-mail to registry users by user name, through the administrator's SMTP settings (see {@link Mail});
     * in the CLI it is never {@link Mail#available() available}.
     *
     * <pre>{@code
     * if (context.mail().available()) {
     *     context.mail().sendTo(record.user(), "Globus transfer finished: lab/tool:1", text);   // MailException on failure
     * }
     * }</pre>
     */
    Mail mail();

    /**
     * Meters (Micrometer) exported with the host's on {@code /metrics}, scoped to this plugin: every meter gets the
     * tag {@code plugin=<id>} (a tag of that name given by the plugin is replaced) and a name starting with
     * {@code <id>.} (added when the name does not start with it). So the Globus plugin's
     * {@code transfers.submitted} counter is scraped as {@code globus_transfers_submitted_total{plugin="globus"}}.
     * The host removes the plugin's meters when it stops (a gauge may hold plugin objects); a restarted plugin
     * counts from zero, which Prometheus treats as a counter reset. In the CLI (no {@code /metrics}) the meters are
     * no-ops.
     *
     * <pre>{@code
     * Counter submitted = context.metrics().counter("transfers.submitted", "direction", "push");
     * submitted.increment();
     * }</pre>
     */
    MeterRegistry metrics();
}
