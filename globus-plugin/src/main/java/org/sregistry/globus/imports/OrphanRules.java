package org.sregistry.globus.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.AuditLog;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.sharing.RuleReaper;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Now and then (every {@value #EVERY_MINUTES} minutes at most) removes access rules on the registry's guest
 * collection that belong to no transfer the registry still knows: left by a crash between making a rule and
 * recording it, or by a record lost with a restored database. Audited as {@code share.remove} with
 * {@code reason=orphan}.
 */
final class OrphanRules {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanRules.class);
    static final int EVERY_MINUTES = 5;

    private final Clock clock;
    private Instant last;

    OrphanRules(Clock clock) {
        this.clock = clock;
    }

    /** Reaps when due; {@code open} and {@code intents} are the transfers that may still own a rule. */
    void reapIfDue(ImportSetup setup, RuleReaperFactory reapers, List<TransferRecord> open,
                   List<SubmitIntent> intents, AuditLog audit) {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(Duration.ofMinutes(EVERY_MINUTES)))) {
            return;
        }
        last = now;
        Set<String> inUse = open.stream().filter(r -> r.share() != null && r.share().mayExist())
                .map(TransferRecord::submissionId).collect(Collectors.toSet());
        intents.forEach(i -> inUse.add(i.submissionId()));
        // a record read before this list was made may have closed meanwhile: read the ledger once more per rule
        RuleReaper reaper = reapers.reaper(sid -> inUse.contains(sid)
                || setup.submissions().intents().get(sid).isPresent());
        try {
            for (AccessRule removed : reaper.reap(setup.endpointId())) {
                LOG.warn("Removed access rule {} for {} on {} that no transfer owns any more", removed.id(),
                        removed.principal(), removed.path());
                audit.record("share.remove", setup.endpointId() + ":" + removed.path(), java.util.Map.of(
                        "rule_id", String.valueOf(removed.id()), "principal", String.valueOf(removed.principal()),
                        "reason", "orphan"));
            }
        } catch (GlobusApiException e) {
            LOG.info("Could not look for orphaned access rules now ({}); trying again later", e.getMessage());
        }
    }

    /** Makes the reaper with a given "is this submission id still in use" test. */
    interface RuleReaperFactory {
        RuleReaper reaper(java.util.function.Predicate<String> sidInUse);
    }
}
