package org.sregistry.globus.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.AuditLog;
import org.sregistry.globus.client.AccessRule;
import org.sregistry.globus.client.AccessRuleClient;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.sharing.OrphanSlots;
import org.sregistry.globus.sharing.RuleFinder;
import org.sregistry.globus.sharing.RuleReaper;
import org.sregistry.globus.sharing.ShareSlots;
import org.sregistry.globus.sharing.SlotOwner;
import org.sregistry.globus.transfers.SubmitIntent;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * Now and then (every {@value #EVERY_MINUTES} minutes at most) removes access rules on the registry's guest
 * collection that belong to no transfer the registry still knows: left by a crash between making a rule and
 * recording it, or by a record lost with a restored database. Audited as {@code share.remove} with
 * {@code reason=orphan}. The same pass frees share slots no transfer holds ({@link OrphanSlots}); a slot still held
 * keeps its rule, since a slot is held from a share's plan to its removal.
 */
final class OrphanRules {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanRules.class);
    static final int EVERY_MINUTES = 5;
    /** Every open record, not a round's share of them: a record left out would lose its rule and slot. */
    static final int ALL_OPEN = 1_000_000;

    private final Clock clock;
    private final Supplier<AccessRuleClient> service;
    private final AuditLog audit;
    private final ShareSlots slots;
    private final OrphanSlots orphanSlots;
    private Instant last;

    /** @param service the service connection's access-rule client */
    OrphanRules(Clock clock, Supplier<AccessRuleClient> service, AuditLog audit, ShareSlots slots) {
        this.clock = clock;
        this.service = service;
        this.audit = audit;
        this.slots = slots;
        this.orphanSlots = new OrphanSlots(slots);
    }

    /**
     * Reaps when due; {@code open} and {@code intents} are the transfers that may still own a rule (read only when
     * due: most rounds do nothing here).
     */
    void reapIfDue(ImportSetup setup, Supplier<List<TransferRecord>> open, Supplier<List<SubmitIntent>> intents) {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(Duration.ofMinutes(EVERY_MINUTES)))) {
            return;
        }
        last = now;
        Set<String> inUse = open.get().stream().filter(r -> r.share() != null && r.share().mayExist())
                .map(TransferRecord::submissionId).collect(Collectors.toSet());
        intents.get().forEach(i -> inUse.add(i.submissionId()));
        for (String owner : orphanSlots.release(inUse::contains)) {
            LOG.warn("Freed share slot of {}: no transfer holds it any more", owner);
        }
        Set<String> slotHeld = slots.held().stream().map(s -> SlotOwner.sidOf(s.owner()))
                .collect(Collectors.toSet());
        // a record read before this list was made may have closed meanwhile: read the ledger once more per rule
        RuleReaper reaper = new RuleReaper(service, new RuleFinder(service), sid -> inUse.contains(sid)
                || slotHeld.contains(sid) || setup.submissions().intents().get(sid).isPresent(), clock);
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
}
