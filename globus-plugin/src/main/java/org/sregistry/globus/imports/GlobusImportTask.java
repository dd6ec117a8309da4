package org.sregistry.globus.imports;

import java.time.Duration;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ScheduledTask;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.GlobusPlugin;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.notify.PluginNotifications;
import org.sregistry.globus.notify.TransferNotifications;
import org.sregistry.api.Access;
import org.sregistry.globus.accounts.AccountData;
import org.sregistry.globus.accounts.FormerAccounts;
import org.sregistry.globus.sync.PluginSync;
import org.sregistry.globus.sync.ScheduledSync;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferLedger;

/**
 * The {@code globus-import} scheduled task: notices finished Globus transfers and finishes the
 * registry's part: sends again the submits a crash (or a silent Globus) left unconfirmed, imports pulled and
 * foreign files exactly once, keeps files it cannot import in quarantine (retried by themselves), removes staged
 * copies of pushed images, records failures with Globus's reason, runs the scheduled sync rules that are due. Runs
 * every {@code PLUGIN_GLOBUS_POLL_SECONDS}, and faster while transfers the registry submitted are active (see
 * {@link ImportPace}).
 *
 * <p>Not configured (no endpoint), not logged in, or a login Globus refused: one log line and a quiet
 * return. Globus unreachable or answering errors: the run fails, so the host counts it on /settings.
 */
@Extension
public class GlobusImportTask implements ScheduledTask {
    /** The task's name on /settings. */
    public static final String NAME = "globus-import";
    private static final Logger LOG = LoggerFactory.getLogger(GlobusImportTask.class);

    private final GlobusServices services;
    private final TransferLedger ledger;
    private final Submissions submissions;
    private final ImportCursorStore cursors;
    private final ImportPace pace = new ImportPace();
    private final NotConnectedNotice notice = new NotConnectedNotice(LOG);
    private final OrphanRules orphans;
    private final TransferNotifications notifications;
    private final FormerAccounts formerAccounts;
    private final Access access;
    private final ScheduledSync sync;
    private volatile Duration nextDelay;

    /** Created by the host with the plugin instance. */
    public GlobusImportTask(GlobusPlugin plugin) {
        this.services = plugin.services();
        this.ledger = new TransferLedger(plugin.context().store(), plugin.context().clock());
        this.submissions = new Submissions(ledger, new SubmitIntents(plugin.context().store()),
                plugin.context().clock());
        this.cursors = new ImportCursorStore(plugin.context().store());
        this.notifications = PluginNotifications.of(plugin.context()); // one webhook client for the plugin's life
        this.formerAccounts = AccountData.former(plugin.context(), services);
        this.access = plugin.context().access();
        this.sync = PluginSync.of(plugin.context(), services, ledger, submissions,
                () -> plugin.context().runTaskSoon(NAME)); // follow a transfer a sync rule started at once
        this.orphans = new OrphanRules(plugin.context().clock(), services::accessRules, plugin.context().audit(),
                services.shareSlots());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        Duration delay = nextDelay;
        return delay != null ? delay : poll();
    }

    @Override
    public Duration initialDelay() {
        return Duration.ofSeconds(2);
    }

    @Override
    public void run(TaskContext context) {
        try {
            forgetFormerAccounts(); // before any work below runs as a user
            importRound(context);
        } finally {
            // e-mail and webhooks owe nothing to Globus: they go out also while it is away or not set up
            deliverNotifications(context);
        }
    }

    private void forgetFormerAccounts() {
        try {
            formerAccounts.sweep(access::accountId);
        } catch (RuntimeException e) {
            LOG.warn("Checking for deleted accounts failed ({}); trying again next run", e.toString());
        }
    }

    private void deliverNotifications(TaskContext context) {
        try {
            notifications.deliverDue(context::stopRequested);
        } catch (RuntimeException e) {
            LOG.warn("Delivering transfer notifications failed ({}); trying again next run", e.toString());
        }
    }

    private void importRound(TaskContext context) {
        Duration poll = poll();
        nextDelay = poll;
        Optional<String> missing = missingSetup(services.settings());
        if (missing.isPresent()) {
            notice.notConnected(missing.get());
            return;
        }
        try {
            ImportSetup setup = ImportSetup.of(services, ledger, submissions, cursors, notifications, sync);
            ImportRound.Outcome outcome = new ImportRound(setup, pace, services.settings().fastPath())
                    .run(context, poll);
            if (services.sharing().current().guest() && !context.stopRequested()) {
                orphans.reapIfDue(setup, () -> ledger.open(OrphanRules.ALL_OPEN),
                        () -> submissions.intents().list(PendingSubmits.MAX));
            }
            notice.connected();
            nextDelay = outcome.nextDelay(services.context().clock().instant(), poll);
        } catch (GlobusApiException e) {
            if (e.loginRequired()) {
                notice.notConnected("Globus refused the stored login; run " + services.cliCommand("update-tokens")
                        + " or use Connect on /globus");
                return;
            }
            throw new IllegalStateException("Globus did not answer as expected (" + e.getMessage()
                    + "); trying again in " + poll.toSeconds() + " s", e);
        }
    }

    private Duration poll() {
        return Duration.ofSeconds(services.settings().pollSeconds());
    }

    private Optional<String> missingSetup(GlobusSettings settings) {
        if (settings.endpointId().isEmpty()) {
            return Optional.of("PLUGIN_GLOBUS_ENDPOINT (the registry's own endpoint) is not set");
        }
        if (services.usableTokens().token(GlobusScopes.TRANSFER_RESOURCE_SERVER).isEmpty()) {
            return Optional.of("not logged in to Globus; run " + services.cliCommand("update-tokens")
                    + " or use Connect on /globus");
        }
        return Optional.empty();
    }
}
