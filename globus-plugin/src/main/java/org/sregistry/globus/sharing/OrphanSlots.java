package org.sregistry.globus.sharing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Frees share slots that no transfer holds any more: a process that died between claiming a slot and writing its
 * intent, or a record lost with a restored database, would otherwise keep a slot for ever and, slot by slot, stop
 * every Send and Bring. A slot is freed only when two passes in a row found no transfer for it, because a slot is
 * claimed a moment before its intent is written and a single look could fall in between.
 */
public final class OrphanSlots {
    private final ShareSlots slots;
    /** Owners found without a transfer by the previous pass. */
    private Set<String> suspects = Set.of();

    public OrphanSlots(ShareSlots slots) {
        this.slots = Objects.requireNonNull(slots);
    }

    /**
     * One pass.
     *
     * @param sidInUse true when an intent or an open record with a share holds the transfer (sid); an exception
     *                 from it ends the pass without freeing anything
     * @return the owners whose slots were freed
     */
    public synchronized List<String> release(Predicate<String> sidInUse) {
        Set<String> unowned = new HashSet<>();
        for (ShareSlots.Slot slot : slots.held()) {
            if (!sidInUse.test(SlotOwner.sidOf(slot.owner()))) {
                unowned.add(slot.owner());
            }
        }
        List<String> freed = new ArrayList<>();
        for (String owner : unowned) {
            if (suspects.contains(owner) && slots.release(owner)) {
                freed.add(owner);
            }
        }
        unowned.removeAll(freed);
        suspects = Set.copyOf(unowned);
        return freed;
    }
}
