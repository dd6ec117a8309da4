package org.sregistry.globus.sync;

import java.util.Optional;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Whether a rule's previous run is still sending: its ledger record is open, or its submit is not confirmed yet. A
 * run whose record closed without the rule hearing of it (a failure while telling it) is told now.
 */
final class PreviousRuns {
    private final TransferLedger ledger;
    private final SubmitIntents intents;
    private final SyncOutcomes outcomes;

    PreviousRuns(TransferLedger ledger, SubmitIntents intents, SyncOutcomes outcomes) {
        this.ledger = ledger;
        this.intents = intents;
        this.outcomes = outcomes;
    }

    /** Why the next run must wait (in plain words), or null when nothing of the last run is under way. */
    String stillRunning(SyncRule rule) {
        SyncRun last = rule.lastRun();
        if (last == null || !last.running()) {
            return null;
        }
        Optional<TransferRecord> record = last.taskId() != null ? ledger.get(last.taskId())
                : Optional.ofNullable(last.submissionId()).flatMap(ledger::get);
        if (record.isPresent()) {
            if (record.get().done()) {
                outcomes.closed(record.get());
                return null;
            }
            return "the previous run's transfer (task " + record.get().key() + ") has not ended yet";
        }
        if (last.submissionId() != null && intents.get(last.submissionId()).isPresent()) {
            return "the previous run's transfer is not confirmed by Globus yet";
        }
        return null; // nothing left of it to wait for
    }
}
