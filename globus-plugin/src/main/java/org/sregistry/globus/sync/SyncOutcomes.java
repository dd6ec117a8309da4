package org.sregistry.globus.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.ImageName;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * What a rule learns when one of its transfers closes (every file sent, Globus failed, the task was canceled, the
 * submit abandoned): the images sent go into {@code sent} (by compare-and-set; what Globus skipped because it was
 * there with the same checksum counts as sent), and the run that made it ends {@code ok} or {@code failed}.
 * Repeating it (a close repeated after a crash) changes nothing more.
 */
public final class SyncOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(SyncOutcomes.class);

    private final SyncRuleStore rules;
    private final Clock clock;

    public SyncOutcomes(SyncRuleStore rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** Tells the rule of {@code record} (nothing for a record that is not a sync); never throws. */
    public void closed(TransferRecord record) {
        if (record.sync() == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            rules.update(record.sync().rule(), rule -> learned(rule, record, now));
        } catch (RuntimeException e) {
            // the rule's next run finds the closed record and tells it then (PreviousRuns)
            LOG.warn("Could not record the outcome of transfer {} on sync rule {} ({})", record.key(),
                    record.sync().rule(), e.toString());
        }
    }

    private static SyncRule learned(SyncRule rule, TransferRecord record, Instant now) {
        SyncRule updated = rule;
        if (sameDestination(rule, record)) {
            Map<String, String> sent = new HashMap<>(rule.sent());
            for (TransferItem item : record.items()) {
                if (item.state() == ItemState.CLEANED) {
                    name(item.imageUri()).ifPresent(n -> sent.put(n.withoutVersion(), n.version()));
                }
            }
            if (!sent.equals(rule.sent())) {
                updated = updated.withSent(sent, now);
            }
            if (updated.endpointName() == null && record.destinationEndpointName() != null) {
                updated = updated.withEndpointName(record.destinationEndpointName());
            }
        }
        SyncRun last = updated.lastRun();
        if (last != null && last.running() && Objects.equals(last.submissionId(), record.submissionId())) {
            boolean ok = !record.items().isEmpty()
                    && record.items().stream().allMatch(i -> i.state() == ItemState.CLEANED);
            updated = updated.withLastRun(last.finished(ok ? SyncRun.OK : SyncRun.FAILED,
                    ok ? sentMessage(record, updated) : failedMessage(record), record.taskId(), now), now);
        }
        return updated;
    }

    /** The record went where the rule sends now (an edited rule forgot what went elsewhere). */
    private static boolean sameDestination(SyncRule rule, TransferRecord record) {
        return rule.endpointId().equals(record.destinationEndpointId())
                && record.items().stream().allMatch(i -> i.destinationPath() != null
                && i.destinationPath().startsWith(rule.path()));
    }

    private static String sentMessage(TransferRecord record, SyncRule rule) {
        int n = record.items().size();
        Long skipped = record.progress() == null || record.progress().details() == null ? null
                : record.progress().details().filesSkipped();
        return n + (n == 1 ? " new image" : " new images") + " sent to " + rule.destination()
                + (skipped != null && skipped > 0 ? " (" + skipped + " already there with the same checksum)" : "");
    }

    private static String failedMessage(TransferRecord record) {
        String reason = record.items().stream().filter(i -> i.state() == ItemState.FAILED && i.reason() != null)
                .map(TransferItem::reason).findFirst()
                .orElse(record.messages().isEmpty() ? "unknown" : record.messages().get(record.messages().size() - 1));
        return "the transfer " + (record.taskId() == null ? "was not sent" : record.taskId() + " failed") + ": "
                + reason;
    }

    private static java.util.Optional<ImageName> name(String uri) {
        try {
            ImageName name = ImageName.parse(uri);
            return name.version() == null ? java.util.Optional.empty() : java.util.Optional.of(name);
        } catch (InvalidImageNameException e) {
            return java.util.Optional.empty();
        }
    }
}
