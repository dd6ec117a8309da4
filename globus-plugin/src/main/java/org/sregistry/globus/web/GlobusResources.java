package org.sregistry.globus.web;

import org.sregistry.globus.imports.GlobusImportTask;

import java.time.Clock;
import java.util.Set;
import org.pf4j.Extension;
import org.sregistry.api.PluginContext;
import org.sregistry.api.ResourceContributor;
import org.sregistry.globus.GlobusPlugin;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.consent.ConsentClients;
import org.sregistry.globus.endpoints.EndpointDirectory;
import org.sregistry.globus.endpoints.FetchPool;
import org.sregistry.globus.imports.QuarantineActions;
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
        ConsentClients clients = new ConsentClients(services);
        EndpointDirectory directory = new EndpointDirectory(() -> services.clients().quickTransfer(),
                () -> services.settings().endpointId().orElse(null),
                () -> ConnectionCache.credentialsVersion(services), pool, clock);
        TransferLedger ledger = new TransferLedger(context.store(), context.clock());
        SubmitIntents intents = new SubmitIntents(context.store());
        ProgressRefresher refresher = new ProgressRefresher(ledger, () -> services.clients().quickTransfer(), clock);
        Runnable wake = () -> context.runTaskSoon(GlobusImportTask.NAME);
        TransferSubmitter submitter = new TransferSubmitter(context.registry(), services.settings(),
                new Submissions(ledger, intents, clock), clients::fullFor, clock, wake);
        QuarantineActions quarantine = QuarantineActions.of(context, ledger, () -> new StagingArea(
                services.settings().stagingDir(), services.settings().stagingPath()), wake);
        BrowserView browser = new BrowserView(clients, services.settings(), context.registry(), context.access(),
                pool);
        TaskSteering steering = new TaskSteering(ledger, () -> services.clients().quickTransfer(), submitter, refresher,
                clock, wake);
        return Set.of(
                new GlobusPage(services, templates, new WebLogins(clock), new ConnectionCache(services, clock),
                        directory, browser, pool),
                new ActivityPage(ledger, intents, refresher, quarantine, templates, pages,
                        steering, new TaskEvents(() -> services.clients().quickTransfer(), clock), context.access()),
                new TransferActions(submitter, templates, pages, context.access(), context.audit()),
                new ConsentPage(services, new WebLogins(clock), templates, pages),
                new GlobusApi(services, directory, clients, ledger, intents, refresher, quarantine,
                        new ApiLogins(clock), steering, context.access()));
    }
}
