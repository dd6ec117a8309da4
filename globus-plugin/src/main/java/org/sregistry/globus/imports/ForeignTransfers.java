package org.sregistry.globus.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.SuccessfulTransfer;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Transfers into the staging path that someone started elsewhere (e.g. the Globus web app): their
 * files that landed in the staging folder become a FOREIGN ledger record, imported like a pull.
 */
final class ForeignTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignTransfers.class);

    private final ImportSetup setup;

    ForeignTransfers(ImportSetup setup) {
        this.setup = setup;
    }

    /** A FOREIGN record with the task's files that landed in the staging folder. */
    record Arrival(TransferRecord record, List<SuccessfulTransfer> transfers) {
    }

    /**
     * What a task that is not in the ledger turned out to be: files to import ({@code arrival}), nothing of ours
     * (neither), or a pull of this registry whose submit is not recorded yet ({@code claimed}: one of its files
     * landed where a {@link org.sregistry.globus.transfers.SubmitIntent} plans a file; look again once the intent
     * is resolved, so the name the user asked for wins).
     */
    record Look(Arrival arrival, boolean claimed) {
    }

    /**
     * Reads the task's successful transfers (all pages) and records the ones that landed in the
     * staging folder. Insert-if-absent: when another run or process recorded the task first, its record is used.
     */
    Look record(Task task, Set<String> claimedDestinations) {
        List<SuccessfulTransfer> transfers = setup.transfer().successfulTransfers(task.taskId());
        if (transfers.stream().anyMatch(t -> claimedDestinations.contains(t.destinationPath()))) {
            return new Look(null, true);
        }
        List<TransferItem> items = new ArrayList<>();
        for (SuccessfulTransfer t : transfers) {
            Optional<Path> local = setup.staging().localFileOf(t.destinationPath());
            local.ifPresent(file -> items.add(TransferItem.pending(t.sourcePath(), t.destinationPath(),
                    file.toString(), null)));
        }
        if (items.isEmpty()) {
            return new Look(null, false);
        }
        String source = task.sourceEndpointDisplayName();
        String message = ImportMessages.foreignArrived(task.taskId(), items.size(), source);
        TransferRecord record = new TransferRecord(task.taskId(), Direction.FOREIGN, task.label(),
                task.sourceEndpointId(), source, task.destinationEndpointId(), task.destinationEndpointDisplayName(),
                items, setup.clock().instant(), TaskProgresses.of(task, setup.clock().instant()), false,
                List.of(message));
        if (setup.ledger().add(record)) {
            LOG.info(message);
            return new Look(new Arrival(record, transfers), false);
        }
        return new Look(setup.ledger().get(task.taskId()).map(existing -> new Arrival(existing, transfers))
                .orElse(null), false);
    }
}
