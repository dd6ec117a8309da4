package org.sregistry.globus.imports;

import java.time.Clock;
import java.util.function.BiConsumer;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.PluginContext;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.consent.ConnectionClients;
import org.sregistry.globus.transfers.TransferAccess;
import org.sregistry.globus.transfers.TransferClients;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.globus.notify.TransferNotifications;
import org.sregistry.globus.sync.ScheduledSync;
import org.sregistry.globus.transfers.GlobusMeters;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferLedger;

/**
 * Everything one import round works with, read fresh from the settings at the start of each round
 * (an admin may change the endpoint or the staging folder while the server runs).
 *
 * @param transfer      the service connection's Globus Transfer client (with retries): the task list, foreign
 *                      arrivals, and every record submitted with the service connection
 * @param clientFor     each connection's Transfer client for a task between two collections (consent-aware): for
 *                      resubmits, and for following a user's own transfers
 * @param registry      the registry's images
 * @param ledger        the transfer ledger
 * @param submissions   submits not confirmed yet (intents), and how they become ledger records
 * @param cursors       where the task-list cursor is kept
 * @param staging       the staging folder and its endpoint path
 * @param quarantine    where arrived files that cannot be imported are kept
 * @param endpointId    the registry's own endpoint
 * @param importForeign whether transfers started elsewhere into the staging path are imported
 * @param clock         the clock
 * @param afterAdd      runs between the registry add and the ledger commit: a crash point a test passes in
 *                      (production: nothing)
 * @param access        whether the user who asked for a transfer may still push where it goes
 * @param audit         where each import is recorded ({@code globus.import})
 * @param loginRefused  called with a user and the problem when Globus refused their stored login: their
 *                      connection is marked as needing an update
 * @param shares        the access rules of users' own transfers on the registry's guest collection
 *                      ({@link TransferAccess#NONE} when the service identity moves everything)
 * @param notifications where a closed record queues what it owes its user (e-mail, webhook; the import task
 *                      delivers them after each run)
 * @param sync          the scheduled sync rules: run when due after each round's quarantine pass, told when a
 *                      transfer they made closes
 * @param meters        where resent submits and imported images are counted
 */
public record ImportSetup(TransferClient transfer, TransferClients clientFor,
                          RegistryService registry, TransferLedger ledger, Submissions submissions,
                          ImportCursorStore cursors, StagingArea staging, Quarantine quarantine, String endpointId,
                          boolean importForeign, Clock clock, Runnable afterAdd, Access access, AuditLog audit,
                          BiConsumer<String, String> loginRefused, TransferAccess shares,
                          TransferNotifications notifications, ScheduledSync sync, GlobusMeters meters) {

    /** A setup whose work is not counted on /metrics. */
    public ImportSetup(TransferClient transfer, TransferClients clientFor, RegistryService registry,
                       TransferLedger ledger, Submissions submissions, ImportCursorStore cursors, StagingArea staging,
                       Quarantine quarantine, String endpointId, boolean importForeign, Clock clock,
                       Runnable afterAdd, Access access, AuditLog audit, BiConsumer<String, String> loginRefused,
                       TransferAccess shares, TransferNotifications notifications, ScheduledSync sync) {
        this(transfer, clientFor, registry, ledger, submissions, cursors, staging, quarantine, endpointId,
                importForeign, clock, afterAdd, access, audit, loginRefused, shares, notifications, sync,
                GlobusMeters.NONE);
    }

    /** The setup with nothing to do when a user's login is refused (tests of the service connection only). */
    public ImportSetup(TransferClient transfer, TransferClients clientFor, RegistryService registry,
                       TransferLedger ledger, Submissions submissions, ImportCursorStore cursors, StagingArea staging,
                       Quarantine quarantine, String endpointId, boolean importForeign, Clock clock,
                       Runnable afterAdd, Access access, AuditLog audit) {
        this(transfer, clientFor, registry, ledger, submissions, cursors, staging, quarantine, endpointId,
                importForeign, clock, afterAdd, access, audit, (user, problem) -> { }, TransferAccess.NONE,
                TransferNotifications.none(), ScheduledSync.none());
    }

    /** What a closed record owes: its user's notifications, and its sync rule's outcome. */
    public void closed(TransferRecord record) {
        notifications.closed(record);
        sync.closed(record);
    }

    /** The Transfer client that follows {@code record}: its own connection's, or the service connection's. */
    public TransferClient transferFor(TransferRecord record) {
        return record.connection() == null ? transfer
                : clientFor.forTask(record.connection(), record.sourceEndpointId(), record.destinationEndpointId());
    }

    /** The setup for the plugin's current settings. */
    public static ImportSetup of(GlobusServices services, TransferLedger ledger, Submissions submissions,
                                 ImportCursorStore cursors, TransferNotifications notifications,
                                 ScheduledSync sync) {
        PluginContext context = services.context();
        GlobusSettings settings = services.settings();
        return new ImportSetup(services.transfer(), new ConnectionClients(services, context.access()),
                context.registry(), ledger,
                submissions, cursors, new StagingArea(settings.stagingDir(), settings.stagingPath()),
                Quarantine.of(context), settings.endpointId().orElseThrow(), settings.importForeign(),
                context.clock(), () -> { }, context.access(), context.audit(),
                (user, problem) -> services.connections().userStore().markNeedsUpdate(user, problem),
                services.transferAccess(), notifications, sync, services.meters());
    }
}
