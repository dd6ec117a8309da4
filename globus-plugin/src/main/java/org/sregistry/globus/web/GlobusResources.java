package org.sregistry.globus.web;

import org.sregistry.globus.imports.GlobusImportTask;

import java.time.Clock;
import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.PluginContext;
import org.sregistry.api.ResourceContributor;
import org.sregistry.globus.GlobusPlugin;
import org.sregistry.globus.accounts.AccountData;
import org.sregistry.globus.accounts.FormerAccounts;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.connection.SignInHandover;
import java.util.function.Function;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globus.consent.ConnectionClients;
import org.sregistry.globus.endpoints.EndpointDirectory;
import org.sregistry.globus.endpoints.FetchPool;
import org.sregistry.globus.imports.QuarantineActions;
import org.sregistry.globus.notify.NotificationPreferences;
import org.sregistry.globus.sync.SyncRuleStore;
import org.sregistry.globus.sync.SyncRules;
import org.sregistry.globus.transfers.ProgressRefresher;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferSubmitter;

/**
 * Registers the Globus pages under {@code /globus} and the JSON API under {@code /api/globus} while the plugin is
 * enabled, wiring them to the plugin's shared services.
 */
@Extension
public class GlobusResources implements ResourceContributor {
    /** Most Globus calls one page runs at once. */
    private static final int FETCH_THREADS = 8;

    private final GlobusPlugin plugin;

    /** Resources over the plugin's shared services. */
    public GlobusResources(GlobusPlugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public Set<Object> resources() {
        PluginContext context = plugin.context();
        GlobusServices services = plugin.services();
        Clock clock = context.clock();
        Templates templates = new Templates();
        HostPages pages = new HostPages(context);
        FetchPool pool = new FetchPool(FETCH_THREADS);
        CallerConnection mine = new CallerConnection(services, context.access());
        EndpointDirectory directory = new EndpointDirectory(
                () -> services.settings().endpointId().orElse(null), pool, clock);
        TransferLedger ledger = new TransferLedger(context.store(), context.clock());
        SubmitIntents intents = new SubmitIntents(context.store());
        Function<TransferRecord, TransferClient> quickForRecord =
                record -> services.connections().of(record.connection()).quickTransfer();
        ProgressRefresher refresher = new ProgressRefresher(ledger, quickForRecord, clock);
        Runnable wake = () -> context.runTaskSoon(GlobusImportTask.NAME);
        TransferSubmitter submitter = new TransferSubmitter(context.registry(), services.settings(),
                new Submissions(ledger, intents, clock), new ConnectionClients(services, context.access()), clock, wake,
                services.transferAccess(), services.meters());
        QuarantineActions quarantine = QuarantineActions.of(context, ledger, () -> new StagingArea(
                services.settings().stagingDir(), services.settings().stagingPath()), wake);
        BrowserView browser = new BrowserView(mine, services.settings(), context.registry(), context.access(),
                pool);
        TaskSteering steering = new TaskSteering(ledger, quickForRecord, submitter, refresher, clock, wake);
        TaskEvents events = new TaskEvents(taskId -> ledger.get(taskId).map(quickForRecord)
                .orElseGet(() -> mine.get().quickTransfer()), clock);
        NotificationPreferences notifications = NotificationPreferences.of(context);
        SignInHandover handover = new SignInHandover(context.signInGrants(), services::connections, pool);
        NotificationsCard card = new NotificationsCard(notifications, context.access(), context.mail(), pages, templates);
        FormerAccounts former = AccountData.former(context, services);
        SyncRules syncRules = new SyncRules(new SyncRuleStore(context.store()), context.access(), context.audit(), clock,
                wake);
        SyncCard syncCard = new SyncCard(syncRules, context.access(), mine, directory, pages, templates);
        return Set.of(
                new FormerAccountFilter(context.access(), former),
                new GlobusPage(services, mine, templates, new WebLogins(clock), new ConnectionCache(clock),
                        directory, browser, pool, () -> card.html() + syncCard.html(), handover), // the cards below the page
                new SyncPage(syncRules, syncCard, context.access(), pages),
                new SyncApi(syncRules, context.access()),
                new NotificationsPage(notifications, card, context.access(), pages),
                new NotificationsApi(notifications, context.access(), context.mail()),
                new ActivityPage(ledger, intents, refresher, quarantine, templates, pages,
                        steering, events, context.access()),
                new TransferActions(submitter, templates, pages, context.access(), context.audit()),
                new ConsentPage(services, mine, new WebLogins(clock), templates, pages),
                new GlobusApi(services, mine, directory, ledger, intents, refresher, quarantine,
                        new ApiLogins(clock), steering, context.access(), handover));
    }
}
