package org.sregistry.globus.imports;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.PluginContext;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.StagingArea;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * What an admin can do with a quarantined file from the activity page (or the JSON API):
 * <ul>
 *   <li><b>Retry</b>: the import task tries it at once (woken now), whatever its backoff says;</li>
 *   <li><b>Discard</b>: the item is marked FAILED ("discarded") and its bytes are deleted — the only way the
 *       registry deletes a file that arrived. The next round closes the record (and removes anything a crash left).</li>
 * </ul>
 * Both are compare-and-set on the ledger item, so a concurrent import round never loses to, or overrides, them.
 */
public final class QuarantineActions {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineActions.class);

    /** How an action went. */
    public enum Result {
        /** Done (or already so). */
        DONE,
        /** The item is not quarantined (imported meanwhile, discarded, or never was). */
        NOT_QUARANTINED,
        /** No such record or item. */
        UNKNOWN
    }

    private final TransferLedger ledger;
    private final Quarantine quarantine;
    private final Supplier<StagingArea> staging;
    private final Clock clock;
    private final Runnable wake;

    QuarantineActions(TransferLedger ledger, Quarantine quarantine, Supplier<StagingArea> staging, Clock clock,
                      Runnable wake) {
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.staging = staging;
        this.clock = clock;
        this.wake = wake;
    }

    /** The actions for the plugin's quarantine folder; {@code wake} asks the host to run the import task soon. */
    public static QuarantineActions of(PluginContext context, TransferLedger ledger, Supplier<StagingArea> staging,
                                       Runnable wake) {
        return new QuarantineActions(ledger, Quarantine.of(context), staging, context.clock(), wake);
    }

    /** Retry item {@code index} of the record under {@code key} now. */
    public Result retry(String key, int index) {
        AtomicReference<Result> result = new AtomicReference<>(Result.UNKNOWN);
        ledger.update(key, r -> {
            TransferItem item = itemAt(r, index, result);
            if (item == null) {
                return r;
            }
            if (item.state() == ItemState.RETRYING) {
                result.set(Result.DONE);
                return r;
            }
            result.set(Result.DONE);
            return r.withItem(index, i -> i.rescheduled(ItemState.RETRYING, i.reason(), i.attempts(), clock.instant(),
                    i.waitingForSpace())).withMessage(ImportMessages.retryAsked(r.taskId(),
                    ArrivedFileImporter.fileLabel(item)));
        });
        if (result.get() == Result.DONE) {
            wake.run();
        }
        return result.get();
    }

    /** Discard item {@code index} of the record under {@code key}: its bytes are deleted. */
    public Result discard(String key, int index) {
        AtomicReference<Result> result = new AtomicReference<>(Result.UNKNOWN);
        AtomicReference<TransferItem> discarded = new AtomicReference<>();
        TransferRecord after = ledger.update(key, r -> {
            discarded.set(null); // the compare-and-set may run this again: only the last run counts
            TransferItem item = itemAt(r, index, result);
            if (item == null) {
                return r;
            }
            result.set(Result.DONE);
            discarded.set(item);
            return r.withItem(index, i -> i.with(ItemState.FAILED, i.imageUri(), "discarded on the activity page ("
                    + i.reason() + ")", i.attempts())).withMessage(ImportMessages.discarded(r.taskId(),
                    ArrivedFileImporter.fileLabel(item)));
        }).orElse(null);
        if (discarded.get() != null && after != null) {
            new StagedFiles(staging.get(), quarantine).removeArrived(discarded.get());
            LOG.info("Discarded {} of transfer {} on the activity page", ArrivedFileImporter.fileLabel(discarded.get()),
                    key);
            wake.run(); // the next round closes the record
        }
        return result.get();
    }

    /** The quarantined item at {@code index}, or null with the result saying why not. */
    private static TransferItem itemAt(TransferRecord r, int index, AtomicReference<Result> result) {
        if (index < 0 || index >= r.items().size()) {
            result.set(Result.UNKNOWN);
            return null;
        }
        TransferItem item = r.items().get(index);
        if (!item.quarantined()) {
            result.set(Result.NOT_QUARANTINED);
            return null;
        }
        return item;
    }
}
