package org.sregistry.globus.imports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.TaskContext;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.TransferResult;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.Submissions;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Finishes submits whose request did not (the process died, or Globus did not answer): every round, before anything
 * else, it looks at the {@link SubmitIntent}s nobody has touched for a while.
 * <ul>
 *   <li><b>SUBMITTING</b>, untouched for {@link #SUBMIT_GRACE}: the submit may or may not have reached Globus. It is
 *       sent again with the same submission id: Globus answers {@code Duplicate} with the task it has, or
 *       {@code Accepted} when the first never arrived; either way the intent becomes the task's record with the name
 *       the user asked for, and the fast path watches it from the next round. A resubmit racing a live request is
 *       harmless (Globus keeps one task per submission id), so the grace only spares a needless request.</li>
 *   <li>Globus <b>refuses</b> the resubmit (4xx: endpoint gone, permission or consent withdrawn): the transfer is
 *       abandoned: staged copies of a push are removed and a failed record, keyed by the submission id, shows the
 *       reason on the activity page. Globus unreachable or 5xx: the intent stays and the error is noted on it; the
 *       next round tries again. A refused login ends the round (the import task says what to do).</li>
 *   <li><b>STAGING</b>, untouched for {@link #STAGING_GRACE} (a staging request touches it after every file, and
 *       between 16 MiB chunks of a long copy at most every 10 s): the request died before it sent anything, so
 *       nothing is sent now either (the user got no answer, or an error): abandoned as above, "interrupted while
 *       staging".</li>
 *   <li><b>ABANDONED</b> (an abandon cut short): finished.</li>
 * </ul>
 */
final class PendingSubmits {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSubmits.class);
    /** A SUBMITTING intent untouched this long is sent again. */
    static final Duration SUBMIT_GRACE = Duration.ofSeconds(15);
    /** A STAGING intent untouched this long belongs to a request that died. */
    static final Duration STAGING_GRACE = Duration.ofSeconds(45);
    /** Intents looked at per round. */
    static final int MAX = 100;

    private final ImportSetup setup;
    private final Submissions submissions;

    PendingSubmits(ImportSetup setup) {
        this.setup = setup;
        this.submissions = setup.submissions();
    }

    /** Resolves the stale intents; true when one became a task record (the fast path has something new). */
    boolean resume(TaskContext context, RefusedLogins refused) {
        boolean recorded = false;
        List<SubmitIntent> intents = submissions.intents().list(MAX);
        for (SubmitIntent intent : intents) {
            if (context.stopRequested()) {
                break;
            }
            Instant now = setup.clock().instant();
            switch (intent.phase()) {
                case SUBMITTING -> {
                    if (intent.staleAt(now, SUBMIT_GRACE)) {
                        recorded |= resubmit(intent, refused);
                    }
                }
                case SHARING -> {
                    // one Globus call away from SUBMITTING: as soon given up (the request, if alive, then undoes)
                    if (intent.staleAt(now, SUBMIT_GRACE)) {
                        abandon(intent, "the registry stopped while it gave you access to the transfer's folder, "
                                + "before the transfer was sent to Globus");
                    }
                }
                case STAGING -> {
                    if (intent.staleAt(now, STAGING_GRACE)) {
                        abandon(intent, "the registry stopped while staging the images, before the transfer was "
                                + "sent to Globus");
                    }
                }
                case ABANDONED -> {
                    if (intent.staleAt(now, SUBMIT_GRACE)) {
                        finishAbandon(intent);
                    }
                }
                default -> {
                }
            }
        }
        return recorded;
    }

    private boolean resubmit(SubmitIntent stale, RefusedLogins refused) {
        String id = stale.submissionId();
        Instant now = setup.clock().instant();
        // claim it for a while: another process's round leaves it alone until this one is done or dead
        Optional<SubmitIntent> claimed = submissions.intents().transition(id,
                i -> i.phase() == SubmitIntent.Phase.SUBMITTING && i.staleAt(now, SUBMIT_GRACE), i -> i.touched(now));
        if (claimed.isEmpty()) {
            return false;
        }
        SubmitIntent intent = claimed.get();
        TransferRecord planned = intent.transfer();
        TransferResult result;
        try {
            result = setup.clientFor().forTask(planned.connection(), planned.sourceEndpointId(),
                    planned.destinationEndpointId())
                    .submitTransfer(Submissions.request(planned));
        } catch (GlobusApiException e) {
            if (refused.handled(planned.connectionUser(), e)) {
                return false; // sent again, with the same id, once they have connected again
            }
            if (e.loginRequired()) {
                throw e;
            }
            if (Submissions.refused(e)) {
                abandon(intent, "Globus refused to take it after the registry restarted: " + reason(e));
                return false;
            }
            submissions.intents().transition(id, i -> i.phase() == SubmitIntent.Phase.SUBMITTING,
                    i -> i.failedAttempt(reason(e), setup.clock().instant()));
            LOG.warn("Globus submit {} is still not confirmed ({}); trying again next round", id, e.getMessage());
            return false;
        }
        String message = ImportMessages.resubmitted(result.taskId(), result.isDuplicate());
        submissions.submitted(intent, result.taskId(), message);
        setup.meters().submitted(planned.direction());
        LOG.info(message);
        return true;
    }

    private void abandon(SubmitIntent intent, String reason) {
        submissions.abandon(intent.submissionId(), reason).ifPresent(this::finishAbandon);
    }

    /**
     * Removes a push's staged copies and the transfer's access rule (found by its path when its id was never heard),
     * then turns the intent into a failed record (idempotent: repeated after a crash). While Globus cannot be asked
     * to remove the rule, the intent waits for the next round.
     */
    private void finishAbandon(SubmitIntent intent) {
        TransferRecord planned = intent.transfer();
        boolean push = planned.direction() == Direction.PUT;
        if (push) {
            StagedFiles files = new StagedFiles(setup.staging(), setup.quarantine());
            planned.items().forEach(files::removePushed);
        }
        if (planned.share() != null && planned.share().mayExist()) {
            ShareRef after = RuleRemoval.remove(setup, planned.share(), intent.submissionId());
            if (after.mayExist()) {
                return; // the intent waits for the next round
            }
            intent = intent.withShare(after, setup.clock().instant());
            planned = intent.transfer();
        }
        ShareFolders.remove(setup.staging(), planned);
        // a pull's planned file is never created by the registry; if Globus wrote it after all, it stays listed on
        // the failed record (never deleted unasked)
        String message = ImportMessages.notSubmitted(intent.lastError(), push && !planned.items().isEmpty());
        // notified before it is recorded: a crash in between repeats both (queued once per channel)
        submissions.abandoned(intent, message, setup::closed);
        LOG.warn("Globus submit {} ({}): {}", intent.submissionId(), planned.label(), message);
    }

    private static String reason(GlobusApiException e) {
        String text = e.globusMessage() != null && !e.globusMessage().isBlank() ? e.globusMessage() : e.getMessage();
        return e.code() == null ? text : e.code() + ": " + text;
    }

    /** Destinations that pending pulls claim: a foreign-looking task that wrote one of them is ours. */
    static java.util.Set<String> claimedDestinations(List<SubmitIntent> intents) {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        for (SubmitIntent intent : intents) {
            if (intent.transfer() != null && intent.transfer().direction() == Direction.GET) {
                intent.transfer().items().stream().map(TransferItem::destinationPath).forEach(claimed::add);
            }
        }
        return claimed;
    }
}
