package org.sregistry.globus.notify;

import java.util.function.BooleanSupplier;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * What the import task does about notifications: queue them when a transfer closes, deliver the due ones at the end
 * of each round ({@link PluginNotifications}). {@link #none()} does nothing (tests of the import round that are not
 * about notifications).
 *
 * <pre>{@code
 * TransferNotifications notifications = PluginNotifications.of(context);
 * notifications.closed(record);                        // the record's items are settled; it is about to be done
 * notifications.deliverDue(context::stopRequested);    // e-mails and webhooks that are due now
 * }</pre>
 */
public interface TransferNotifications {

    /** Queues what the closed {@code record} owes its user (nothing when they asked for nothing); never throws. */
    void closed(TransferRecord record);

    /** Delivers the due notifications (a bounded number per call); never throws for one notification's failure. */
    void deliverDue(BooleanSupplier stopRequested);

    /** No notifications at all. */
    static TransferNotifications none() {
        return new TransferNotifications() {
            @Override
            public void closed(TransferRecord record) {
            }

            @Override
            public void deliverDue(BooleanSupplier stopRequested) {
            }
        };
    }
}
