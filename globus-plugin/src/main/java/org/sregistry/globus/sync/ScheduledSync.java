package org.sregistry.globus.sync;

import java.util.function.BooleanSupplier;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Scheduled sync as the import task sees it: run the rules that are due (once per round, after the quarantine
 * pass), and tell a rule when a transfer it made closes. {@link #none()} does nothing (tests of the import round
 * that are not about sync).
 *
 * <pre>{@code
 * ScheduledSync sync = PluginSync.of(context, services, ledger, submissions, wake);
 * sync.runDue(context::stopRequested);   // in ImportRound
 * sync.closed(record);                   // in TaskSettler, as the record closes
 * }</pre>
 */
public interface ScheduledSync {

    /** Runs each enabled rule whose next run is due; one rule's failure is recorded on it, never thrown. */
    void runDue(BooleanSupplier stopRequested);

    /** Tells the rule {@code record} was made for how it ended (nothing for other records); never throws. */
    void closed(TransferRecord record);

    /** No scheduled sync at all. */
    static ScheduledSync none() {
        return new ScheduledSync() {
            @Override
            public void runDue(BooleanSupplier stopRequested) {
            }

            @Override
            public void closed(TransferRecord record) {
            }
        };
    }
}
