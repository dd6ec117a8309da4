package org.sregistry.globus.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.Access;
import org.sregistry.api.AuditLog;
import org.sregistry.api.ImageInfo;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.sharing.SharingException;
import org.sregistry.globus.transfers.SubmittedTransfer;
import org.sregistry.globus.transfers.Submitter;
import org.sregistry.globus.transfers.TransferSubmitter;

/**
 * One run of a due rule, as its owner: checks they still exist and manage the collection, picks the new images and
 * sends them. Never throws for what goes wrong with the rule: the answer
 * says it ({@code failed} with the reason in plain words, never a stack trace).
 */
final class SyncAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(SyncAttempt.class);

    private final Access access;
    private final SyncSelection selection;
    private final SyncSender sender;
    private final Function<String, String> loginRefused;
    private final AuditLog audit;

    /**
     * @param loginRefused called with the owner when Globus refused the login their transfer was sent with (their
     *                     own connection is then marked as needing an update); answers what the run says
     */
    SyncAttempt(Access access, SyncSelection selection, SyncSender sender, Function<String, String> loginRefused,
                AuditLog audit) {
        this.access = access;
        this.selection = selection;
        this.sender = sender;
        this.loginRefused = loginRefused;
        this.audit = audit;
    }

    /**
     * How a run ended, and the names its match takes now (null when it did not look: then {@code sent} is kept as it
     * is).
     */
    record Outcome(SyncRun run, Set<String> matching) {
    }

    Outcome run(SyncRule rule, Instant slot, Instant now) {
        Access.Caller owner = access.user(rule.owner()).orElse(null);
        if (owner == null) {
            return ended(slot, now, SyncRun.FAILED, rule.owner() + "'s account no longer exists or is disabled");
        }
        if (!owner.admin() && !access.mayManage(owner, rule.collection())) {
            return ended(slot, now, SyncRun.FAILED, rule.owner() + " may no longer manage collection "
                    + rule.collection());
        }
        SyncSelection.Selected selected = selection.of(rule, owner);
        if (selected.fresh().isEmpty()) {
            String message = selected.matching().isEmpty() ? "no image matches " + rule.match()
                    : "nothing new: the " + images(selected.matching().size()) + " matching " + rule.match()
                    + " were sent already";
            return new Outcome(SyncRun.ended(slot, now, SyncRun.NOTHING_NEW, message), selected.matching());
        }
        List<ImageInfo> batch = selected.fresh().stream().limit(TransferSubmitter.MAX_IMAGES).toList();
        int later = selected.fresh().size() - batch.size();
        try {
            SubmittedTransfer sent = sender.send(rule, batch.stream().map(ImageInfo::uri).toList(),
                    Submitter.of(access, owner));
            audited(owner, rule, sent, batch);
            String message = (sent.pending() ? "Globus has not confirmed the transfer yet (the registry sends it again"
                    + " with the same submission id); " : "") + "sending " + images(batch.size()) + " to "
                    + rule.destination() + (later > 0 ? "; " + images(later) + " more go with the next run" : "");
            return new Outcome(SyncRun.sending(slot, now, sent.submissionId(), sent.taskId(), batch.size(), message),
                    selected.matching());
        } catch (GlobusApiException e) {
            if (e.loginRequired()) {
                return ended(slot, now, SyncRun.FAILED, loginRefused.apply(rule.owner()));
            }
            String code = e.code() == null ? (e.status() > 0 ? "HTTP " + e.status() : "no answer") : e.code();
            return ended(slot, now, SyncRun.FAILED, "Globus refused the transfer (" + code + "): "
                    + (e.globusMessage() == null ? e.getMessage() : e.globusMessage()));
        } catch (SharingException e) {
            return ended(slot, now, SyncRun.FAILED, e.reason() == SharingException.Reason.UNKNOWN_IDENTITY
                    ? credentials(rule.owner()) : e.getMessage());
        } catch (IOException e) {
            return ended(slot, now, SyncRun.FAILED, "staging the images failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return ended(slot, now, SyncRun.FAILED, SyncFailures.describe(e, rule));
        }
    }

    /** What a rule whose owner's Globus login is refused says. */
    static String credentials(String owner) {
        return owner + "'s Globus credentials need to be updated (connect again on the Globus page)";
    }

    private void audited(Access.Caller owner, SyncRule rule, SubmittedTransfer sent, List<ImageInfo> batch) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("task", sent.taskId() == null ? "pending" : sent.taskId());
        details.put("submission", sent.submissionId());
        details.put("endpoint", rule.endpointId());
        details.put("path", rule.path());
        details.put("images", Integer.toString(batch.size()));
        details.put("sync_rule", rule.id());
        audit.recordFor(owner, "transfer.put", String.join(",", batch.stream().map(ImageInfo::uri).toList()), details);
        LOG.info("Sync rule {} of {}: {} image(s) sent to {} (task {})", rule.id(), rule.owner(), batch.size(),
                rule.destination(), sent.taskId());
    }

    static Outcome ended(Instant slot, Instant now, String result, String message) {
        return new Outcome(SyncRun.ended(slot, now, result, message), null);
    }

    private static String images(int n) {
        return n + (n == 1 ? " image" : " images");
    }
}
