package org.sregistry.globus.accounts;

import java.util.List;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.notify.NotifySettingsStore;
import org.sregistry.globus.sync.SyncRuleStore;
import org.sregistry.globus.transfers.TransferLedger;

/** What the plugin keeps per user name, and so forgets of a former account ({@link FormerAccounts}). */
public final class AccountData {
    private AccountData() {
    }

    /** Former-account handling over the plugin's store and services. */
    public static FormerAccounts former(PluginContext context, GlobusServices services) {
        TransferLedger ledger = new TransferLedger(context.store(), context.clock());
        return new FormerAccounts(context.store(), List.of(
                user -> forgetConnection(services, user),
                user -> new NotifySettingsStore(context.store()).delete(user),
                ledger::forgetUser,
                new SyncRuleStore(context.store())::deleteOwnedBy));
    }

    /** Logs a former account's connection out at Globus (its identity free again); only forgets it when that fails. */
    private static void forgetConnection(GlobusServices services, String user) {
        try {
            services.connections().user(user).logout();
        } catch (RuntimeException e) {
            services.connections().userStore().of(user).delete();
        }
    }
}
