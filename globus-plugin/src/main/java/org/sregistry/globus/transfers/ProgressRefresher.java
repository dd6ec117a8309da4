package org.sregistry.globus.transfers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TransferClient;

/**
 * Brings the progress of active transfers up to date while someone watches the activity page: at most one
 * {@code GET task/{id}} per task every {@link #MIN_INTERVAL}. It only ever changes a record's {@code progress},
 * through the ledger's compare-and-set, and never replaces newer progress (the import task updates it too);
 * item states belong to the import task.
 */
public final class ProgressRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressRefresher.class);
    /** Shortest time between two looks at one task. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(3);

    private final TransferLedger ledger;
    private final Function<TransferRecord, TransferClient> client;
    private final Clock clock;
    private final Map<String, Instant> lastAsked = new ConcurrentHashMap<>();

    /** A refresher writing into {@code ledger}. */
    public ProgressRefresher(TransferLedger ledger, Function<TransferRecord, TransferClient> client, Clock clock) {
        this.ledger = ledger;
        this.client = client;
        this.clock = clock;
    }

    /** The records, with active ones refreshed when due (the same list order). */
    public List<TransferRecord> refresh(List<TransferRecord> records) {
        return records.stream().map(this::refresh).toList();
    }

    /** The record, refreshed from Globus when active and due. */
    public TransferRecord refresh(TransferRecord record) {
        if (!record.active() || !due(record)) {
            return record;
        }
        trim(clock.instant());
        return refreshNow(record);
    }

    /**
     * The record refreshed from Globus now, whatever the interval (a Cancel was just sent: the page shows
     * what Globus says at once); as it was when Globus cannot be asked.
     */
    public TransferRecord refreshNow(TransferRecord record) {
        Instant now = clock.instant();
        lastAsked.put(record.taskId(), now);
        try {
            TaskProgress fresh = TaskProgressReader.from(client.apply(record).getTask(record.taskId()), now);
            return ledger.update(record.taskId(), current -> newer(current, fresh) ? current.withProgress(fresh) : current)
                    .orElse(record);
        } catch (GlobusApiException e) {
            LOG.debug("Cannot refresh task {}: {}", record.taskId(), e.getMessage());
            return record;
        } catch (IllegalStateException e) {
            LOG.debug("Record {} busy: {}", record.taskId(), e.getMessage());
            return record;
        }
    }

    private boolean due(TransferRecord record) {
        Instant now = clock.instant();
        Instant asked = lastAsked.get(record.taskId());
        if (asked != null && now.isBefore(asked.plus(MIN_INTERVAL))) {
            return false;
        }
        TaskProgress p = record.progress();
        return p == null || p.checkedAt() == null || !now.isBefore(p.checkedAt().plus(MIN_INTERVAL));
    }

    private static boolean newer(TransferRecord current, TaskProgress fresh) {
        TaskProgress old = current.progress();
        if (old == null || old.checkedAt() == null) {
            return true;
        }
        if (old.finished() && !fresh.finished()) {
            return false; // never move a finished task back
        }
        return fresh.checkedAt().isAfter(old.checkedAt());
    }

    private void trim(Instant now) {
        if (lastAsked.size() > 1000) {
            lastAsked.values().removeIf(t -> t.isBefore(now.minus(Duration.ofMinutes(5))));
        }
    }
}
