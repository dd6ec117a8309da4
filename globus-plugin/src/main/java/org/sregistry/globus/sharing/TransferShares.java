package org.sregistry.globus.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.connection.ConnectionRef;
import org.sregistry.globus.transfers.ShareRef;
import org.sregistry.globus.transfers.TransferAccess;

/**
 * The registry's collection serving every user: each user's transfer gets its own folder {@code /t/<sid>/} and an
 * access rule for that user's identity on it, made with the service connection before the user submits and removed
 * when the task ends. A slot ({@link ShareSlots}) is held from the plan to the removal (one person holds at most a
 * third of them), so the collection's rule limit
 * is never passed; the rule expires by itself an hour after the task's deadline in case the registry never comes back.
 */
public final class TransferShares implements TransferAccess {
    private static final Logger LOG = LoggerFactory.getLogger(TransferShares.class);

    private final Shares shares;
    private final RuleFinder finder;
    private final ShareSlots slots;
    private final Supplier<String> collectionId;
    private final Supplier<Duration> deadline;
    private final Clock clock;

    /**
     * @param collectionId the registry's guest collection ({@code PLUGIN_GLOBUS_ENDPOINT})
     * @param deadline     how long a task may run ({@code PLUGIN_GLOBUS_TASK_DEADLINE_HOURS})
     */
    public TransferShares(Shares shares, RuleFinder finder, ShareSlots slots, Supplier<String> collectionId,
                          Supplier<Duration> deadline, Clock clock) {
        this.shares = shares;
        this.finder = finder;
        this.slots = slots;
        this.collectionId = collectionId;
        this.deadline = deadline;
        this.clock = clock;
    }

    @Override
    public ShareRef plan(String submissionId, ConnectionRef who, String permissions, String folderPath) {
        if (who == null) {
            return null;
        }
        if (who.identityId() == null) {
            throw new SharingException(SharingException.Reason.UNKNOWN_IDENTITY, "the registry does not know which "
                    + "Globus identity you connected (" + who.user() + "); disconnect and connect again", null);
        }
        String path = SharePaths.of(submissionId);
        if (!path.equals(folderPath)) {
            throw new org.sregistry.globus.transfers.TransferConflictException("a transfer's folder must be " + path + " on the guest collection, not "
                    + folderPath + " (PLUGIN_GLOBUS_STAGING_PATH must be /)");
        }
        String owner = SlotOwner.of(who.identityId(), submissionId);
        int cap = perPersonCap(slots.max());
        long mine = slots.held().stream().filter(s -> SlotOwner.isOf(s.owner(), who.identityId())).count();
        if (mine >= cap) {
            // one person cannot take every slot and so block everyone else's transfers
            throw new SharingException(SharingException.Reason.TOO_MANY_TRANSFERS, "you have " + mine
                    + " transfers in progress, the most one person may have at once; try again when one ends", null);
        }
        slots.claim(owner);
        Instant now = clock.instant();
        return ShareRef.planned(collectionId.get(), path, who.identityId(), permissions, now,
                now.plus(deadline.get()).plus(ShareRef.AFTER_DEADLINE));
    }

    @Override
    public String create(ShareRef planned) {
        String id = shares.create(planned.collectionId(), planned.principal(), planned.path(), planned.permissions(),
                planned.expiresAt());
        LOG.info("Globus access rule {} made: {} may {} {} on {}", id, planned.principal(),
                "r".equals(planned.permissions()) ? "read" : "read and write", planned.path(), planned.collectionId());
        return id;
    }

    @Override
    public void remove(ShareRef share, String submissionId) {
        if (share == null) {
            return;
        }
        if (share.mayExist()) {
            String id = share.ruleId() != null ? share.ruleId()
                    : finder.byPath(share.collectionId(), share.path(), share.principal()).map(r -> r.id())
                    .orElse(null);
            if (id != null) {
                shares.remove(share.collectionId(), id);
                LOG.info("Globus access rule {} on {}:{} removed", id, share.collectionId(), share.path());
            }
        }
        slots.release(SlotOwner.of(share.principal(), submissionId));
    }

    /** A third of the slots (at least one): how many transfers one identity may have holding a rule at once. */
    static int perPersonCap(int slots) {
        return Math.max(1, slots / 3);
    }
}
