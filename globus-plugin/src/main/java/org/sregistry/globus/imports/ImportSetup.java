package org.sregistry.globus.imports;

import java.time.Clock;
import org.sregistry.api.PluginContext;
import org.sregistry.api.RegistryService;
import org.sregistry.globus.client.TransferClient;
import org.sregistry.globus.config.GlobusSettings;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.TransferLedger;

/**
 * Everything one import round works with, read fresh from the settings at the start of each round
 * (an admin may change the endpoint or the staging folder while the server runs).
 *
 * @param transfer      the Globus Transfer client (with retries)
 * @param registry      the registry's images
 * @param ledger        the transfer ledger
 * @param cursors       where the task-list cursor is kept
 * @param staging       the staging folder and its endpoint path
 * @param endpointId    the registry's own endpoint
 * @param importForeign whether transfers started elsewhere into the staging path are imported
 * @param clock         the clock
 * @param afterAdd      runs between the registry add and the ledger commit (a crash point for tests)
 */
public record ImportSetup(TransferClient transfer, RegistryService registry, TransferLedger ledger,
                          ImportCursorStore cursors, StagingArea staging, String endpointId, boolean importForeign,
                          Clock clock, Runnable afterAdd) {

    /** The setup for the plugin's current settings. */
    public static ImportSetup of(GlobusServices services, TransferLedger ledger, ImportCursorStore cursors) {
        PluginContext context = services.context();
        GlobusSettings settings = services.settings();
        return new ImportSetup(services.transfer(), context.registry(), ledger, cursors,
                new StagingArea(settings.stagingDir(), settings.stagingPath()), settings.endpointId().orElseThrow(),
                settings.importForeign(), context.clock(), ImportTestHooks::afterAdd);
    }
}
