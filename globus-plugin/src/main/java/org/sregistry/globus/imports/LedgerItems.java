package org.sregistry.globus.imports;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferLedger;

/** One item of a ledger record changed by compare-and-set, with a message, only while it is as expected. */
final class LedgerItems {
    private LedgerItems() {
    }

    /**
     * Changes the item for the same file as {@code item} and adds {@code message}, in one compare-and-set, when
     * {@code allowed} holds for its current value (another run may have moved it on meanwhile: its outcome stands);
     * true when this call changed it.
     */
    static boolean change(TransferLedger ledger, String key, TransferItem item, String message,
                          Predicate<TransferItem> allowed, UnaryOperator<TransferItem> change) {
        AtomicBoolean applied = new AtomicBoolean();
        ledger.update(key, r -> {
            applied.set(false);
            int index = r.indexOf(item);
            if (index < 0 || !allowed.test(r.items().get(index))) {
                return r;
            }
            applied.set(true);
            return message == null ? r.withItem(index, change) : r.withItem(index, change).withMessage(message);
        });
        return applied.get();
    }
}
