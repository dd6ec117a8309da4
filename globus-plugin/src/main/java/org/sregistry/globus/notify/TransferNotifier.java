package org.sregistry.globus.notify;

import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Puts a closing transfer's notifications into the {@link Outbox}, for the user who started it and the channels they
 * turned on for how it ended. Called when a ledger record closes (before it is marked done where possible, so a
 * crash in between repeats it, and the outbox's insert-if-absent keeps it at one per channel). A record without user
 * (foreign transfers, records from before accounts) notifies nobody. Never throws: a notification is not worth
 * failing an import round for.
 */
public final class TransferNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(TransferNotifier.class);

    private final NotifySettingsStore settings;
    private final Outbox outbox;
    private final Supplier<String> registryUrl;
    private final Clock clock;

    /** @param registryUrl the registry's public URL without trailing slash, or null (read at each close) */
    public TransferNotifier(NotifySettingsStore settings, Outbox outbox, Supplier<String> registryUrl, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.registryUrl = registryUrl;
        this.clock = clock;
    }

    /** Enqueues what {@code record} (closed, every item settled) owes its user. */
    public void closed(TransferRecord record) {
        if (record == null || record.user() == null) {
            return;
        }
        try {
            NotifySettings wanted = settings.get(record.user()).orElse(null);
            if (wanted == null) {
                return;
            }
            TransferNotice notice = TransferNotice.of(record, registryUrl.get(), clock.instant());
            for (Channel channel : Channel.values()) {
                if (wanted.wants(channel, notice.event())) {
                    outbox.enqueue(Outbox.key(record.key(), channel, notice.event()),
                            OutboxEntry.due(channel, notice, clock.instant()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Notifications of transfer {} for {} could not be queued: {}", record.key(), record.user(),
                    e.toString());
        }
    }
}
