package org.sregistry.globus.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * Reads the task's successful transfers (all pages) and records the ones that landed in the
     * staging folder; empty when none did. Insert-if-absent: when another run or process recorded the
     * task first, its record is used.
     */
    Optional<Arrival> record(Task task) {
        List<SuccessfulTransfer> transfers = setup.transfer().successfulTransfers(task.taskId());
        List<TransferItem> items = new ArrayList<>();
        for (SuccessfulTransfer t : transfers) {
            Optional<Path> local = setup.staging().localFileOf(t.destinationPath());
            local.ifPresent(file -> items.add(TransferItem.pending(t.sourcePath(), t.destinationPath(),
                    file.toString(), null)));
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        String source = task.sourceEndpointDisplayName();
        String message = ImportMessages.foreignArrived(task.taskId(), items.size(), source);
        TransferRecord record = new TransferRecord(task.taskId(), Direction.FOREIGN, task.label(),
                task.sourceEndpointId(), source, task.destinationEndpointId(), task.destinationEndpointDisplayName(),
                items, setup.clock().instant(), TaskProgresses.of(task, setup.clock().instant()), false,
                List.of(message));
        if (setup.ledger().add(record)) {
            LOG.info(message);
            return Optional.of(new Arrival(record, transfers));
        }
        return setup.ledger().get(task.taskId()).map(existing -> new Arrival(existing, transfers));
    }
}
