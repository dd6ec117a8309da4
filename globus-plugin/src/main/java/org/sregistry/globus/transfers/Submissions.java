package org.sregistry.globus.transfers;

import java.time.Clock;
import java.util.Optional;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.SyncLevel;
import org.sregistry.globus.client.TransferRequest;

/**
 * The life of a submit in the ledger, shared by the submitting request ({@link TransferSubmitter}) and the import
 * task's recovery: intent first ({@link SubmitIntents}), then either the task record under the task id Globus named
 * ({@link TransferLedger}) or, when Globus refused for good, a failed record under the submission id. Each step is one
 * atomic store write; a crash between two leaves the intent, and repeating the step finishes the job (insert-if-absent
 * of the record, delete of the intent).
 */
public final class Submissions {
    private final TransferLedger ledger;
    private final SubmitIntents intents;
    private final Clock clock;

    public Submissions(TransferLedger ledger, SubmitIntents intents, Clock clock) {
        this.ledger = ledger;
        this.intents = intents;
        this.clock = clock;
    }

    public SubmitIntents intents() {
        return intents;
    }

    /** The Globus request of a planned transfer: the same bytes whoever sends it, however often. */
    public static TransferRequest request(TransferRecord planned) {
        TransferRequest.Builder b = TransferRequest.builder(planned.sourceEndpointId(), planned.destinationEndpointId())
                .submissionId(planned.submissionId()).label(planned.label()).verifyChecksum(true)
                .notify(false, false, false);
        for (TransferItem item : planned.items()) {
            b.addFile(item.sourcePath(), item.destinationPath());
        }
        if (planned.sync() != null) {
            // a scheduled sync: Globus skips files already there with the same checksum (never deletes extra ones)
            b.syncLevel(SyncLevel.of(planned.sync().syncLevel()));
        }
        if (planned.share() != null && planned.share().expiresAt() != null) {
            // a user's transfer ends before its access rule expires (derived from the record: a resend is the same)
            b.deadline(planned.share().expiresAt().minus(ShareRef.AFTER_DEADLINE).atOffset(java.time.ZoneOffset.UTC));
        }
        return b.build();
    }

    /**
     * True when Globus answered and said no (4xx): it does not have the task, and sending the same request again
     * will not change that. A network failure or a 5xx leaves it open whether Globus took the task.
     */
    public static boolean refused(GlobusApiException e) {
        return e.loginRequired() || (e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429);
    }

    /** Writes the intent; fails (nothing staged, nothing sent yet) when the ledger cannot take it. */
    public void intend(SubmitIntent intent) {
        if (!intents.add(intent)) {
            throw new TransferConflictException("submission id " + intent.submissionId() + " is in use already");
        }
    }

    /** STAGING → SHARING (a push's copies are staged; its access rule comes next). False when taken over. */
    public boolean startSharing(String submissionId) {
        return intents.transition(submissionId, i -> i.phase() == SubmitIntent.Phase.STAGING,
                i -> i.inPhase(SubmitIntent.Phase.SHARING, clock.instant())).isPresent();
    }

    /** Records the access rule's new state in a SHARING intent; empty when the recovery took it over meanwhile. */
    public Optional<SubmitIntent> shared(String submissionId, ShareRef share) {
        return intents.transition(submissionId, i -> i.phase() == SubmitIntent.Phase.SHARING,
                i -> i.withShare(share, clock.instant()));
    }

    /** The owner shows it is alive (between staged files). */
    public void touch(String submissionId) {
        intents.transition(submissionId, i -> i.phase() == SubmitIntent.Phase.STAGING,
                i -> i.touched(clock.instant()));
    }

    /**
     * STAGING or SHARING → SUBMITTING, by the request that staged (and shared). False when the recovery took it over meanwhile (it thought
     * the request dead): then nothing may be sent.
     */
    public boolean startSubmitting(String submissionId) {
        return intents.transition(submissionId, i -> i.phase() == SubmitIntent.Phase.STAGING
                        || i.phase() == SubmitIntent.Phase.SHARING,
                i -> i.inPhase(SubmitIntent.Phase.SUBMITTING, clock.instant())).isPresent();
    }

    /**
     * Globus named the task: records it (unless another process did already) and drops the intent. Answers the
     * stored record. {@code message} (may be null) is added to the record's history.
     */
    public TransferRecord submitted(SubmitIntent intent, String taskId, String message) {
        TransferRecord record = intent.transfer().withTaskId(taskId);
        if (message != null) {
            record = record.withMessage(message);
        }
        boolean added = ledger.add(record);
        intents.delete(intent.submissionId());
        return added ? record : ledger.get(taskId).orElse(record);
    }

    /** Globus refused the submit the request just sent: nothing to track (the request tells its user). */
    public void drop(String submissionId) {
        intents.delete(submissionId);
    }

    /**
     * Claims the intent for giving up (any phase but one already abandoned by someone else is fine): the request
     * that staged can no longer move it to SUBMITTING. Empty when it is gone.
     */
    public Optional<SubmitIntent> abandon(String submissionId, String reason) {
        return intents.transition(submissionId, i -> true,
                i -> i.phase() == SubmitIntent.Phase.ABANDONED ? i : i.abandoned(reason, clock.instant()));
    }

    /**
     * After the staged copies of an abandoned intent are gone: a failed record under the submission id (shown on the
     * activity page with {@code reason}), then the intent goes.
     */
    public TransferRecord abandoned(SubmitIntent intent, String message) {
        return abandoned(intent, message, record -> { });
    }

    /** {@link #abandoned(SubmitIntent, String)}, showing the failed record to {@code beforeRecorded} first. */
    public TransferRecord abandoned(SubmitIntent intent, String message,
                                    java.util.function.Consumer<TransferRecord> beforeRecorded) {
        String reason = intent.lastError();
        TransferRecord record = intent.transfer()
                .withEveryItem(i -> i.settled() ? i : i.with(ItemState.FAILED, i.imageUri(), reason, i.attempts()))
                .withMessage(message).withDone(true);
        beforeRecorded.accept(record);
        ledger.add(record);
        intents.delete(intent.submissionId());
        return record;
    }
}
