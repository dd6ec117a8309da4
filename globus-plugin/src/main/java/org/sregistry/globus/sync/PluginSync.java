package org.sregistry.globus.sync;

import org.sregistry.api.PluginContext;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.consent.ConnectionClients;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferSubmitter;

/** Wires scheduled sync for the import task: the plugin's rules, its normal Send, the owners' connections. */
public final class PluginSync {
    private PluginSync() {
    }

    /**
     * Scheduled sync over the plugin's services.
     *
     * @param wake asks the import task to run again soon (after a run submitted a transfer, to follow it)
     */
    public static ScheduledSync of(PluginContext context, GlobusServices services, TransferLedger ledger,
                                   Submissions submissions, Runnable wake) {
        TransferSubmitter submitter = new TransferSubmitter(context.registry(), services.settings(), submissions,
                new ConnectionClients(services, context.access()), context.clock(), wake, services.transferAccess(),
                services.meters());
        return SyncRunner.create(new SyncRuleStore(context.store()), context.access(), context.registry(),
                SyncSender.of(submitter), ledger, submissions.intents(), context.clock(),
                owner -> loginRefused(services, owner), context.audit());
    }

    /** Marks the owner's own connection as needing an update (or names the service login); what the run says. */
    private static String loginRefused(GlobusServices services, String owner) {
        if (!services.connections().perUser()) {
            return "Globus refused the registry's own login: run " + services.cliCommand("update-tokens")
                    + " or use Connect on the Globus page";
        }
        services.connections().userStore().markNeedsUpdate(owner, "Globus refused " + owner
                + "'s stored login: connect again on the Globus page");
        return SyncAttempt.credentials(owner);
    }
}
