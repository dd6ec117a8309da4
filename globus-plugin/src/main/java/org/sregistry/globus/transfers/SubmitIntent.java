package org.sregistry.globus.transfers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * A transfer the registry is about to submit (or submitted without hearing Globus's answer yet), written to the
 * ledger <em>before</em> any side effect: before a push stages its copies, before the submit is sent. It carries the
 * Globus {@code submission_id}, so the submit can be sent again after a crash: Globus answers {@code Duplicate} with
 * the task it already has, or starts it if the first attempt never arrived. Stored in {@link SubmitIntents}.
 *
 * @param submissionId the Globus submission id (also the record's key)
 * @param phase        how far the submitting request got
 * @param createdAt    when it was written
 * @param touchedAt    when its owner last showed it is alive (a staged file done, the submit about to be sent,
 *                     a resubmit tried)
 * @param attempts     resubmits the import task tried
 * @param lastError    the last resubmit's failure, or why it was abandoned
 * @param transfer     the transfer as it will be recorded once Globus names its task (task id null)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubmitIntent(
        @JsonProperty("submission_id") String submissionId,
        @JsonProperty("phase") Phase phase,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("touched_at") Instant touchedAt,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("transfer") TransferRecord transfer) {

    /** How far a submit got. */
    public enum Phase {
        /** Staged copies of a push are being made; nothing was sent to Globus. */
        STAGING,
        /**
         * The transfer's folder exists and its access rule is being made (or was made: {@code share.rule_id}); the
         * submit is not sent yet.
         */
        SHARING,
        /** The submit is (or may have been) sent: only Globus knows whether it has the task. */
        SUBMITTING,
        /** Given up (refused for good, or interrupted while staging): its staged copies are being removed. */
        ABANDONED
    }

    /** A push about to stage its copies. */
    public static SubmitIntent staging(TransferRecord planned, Instant now) {
        return new SubmitIntent(planned.submissionId(), Phase.STAGING, now, now, 0, null, planned);
    }

    /** A submit about to be sent (a pull, which stages nothing). */
    public static SubmitIntent submitting(TransferRecord planned, Instant now) {
        return new SubmitIntent(planned.submissionId(), Phase.SUBMITTING, now, now, 0, null, planned);
    }

    /** A bring whose access rule comes first (guest collection). */
    public static SubmitIntent sharing(TransferRecord planned, Instant now) {
        return new SubmitIntent(planned.submissionId(), Phase.SHARING, now, now, 0, null, planned);
    }

    /** With the transfer's access rule in its new state. */
    public SubmitIntent withShare(ShareRef share, Instant now) {
        return new SubmitIntent(submissionId, phase, createdAt, now, attempts, lastError, transfer.withShare(share));
    }

    /** In {@code next}, touched now. */
    public SubmitIntent inPhase(Phase next, Instant now) {
        return new SubmitIntent(submissionId, next, createdAt, now, attempts, lastError, transfer);
    }

    /** Touched now (its owner is alive). */
    public SubmitIntent touched(Instant now) {
        return inPhase(phase, now);
    }

    /** After a resubmit that failed for now (Globus unreachable, 5xx). */
    public SubmitIntent failedAttempt(String error, Instant now) {
        return new SubmitIntent(submissionId, phase, createdAt, now, attempts + 1, error, transfer);
    }

    /** Abandoned for {@code reason}. */
    public SubmitIntent abandoned(String reason, Instant now) {
        return new SubmitIntent(submissionId, Phase.ABANDONED, createdAt, now, attempts, reason, transfer);
    }

    /** True when its owner has not shown it is alive for longer than {@code grace}: someone else may take it over. */
    public boolean staleAt(Instant now, Duration grace) {
        return touchedAt == null || !now.isBefore(touchedAt.plus(grace));
    }
}
