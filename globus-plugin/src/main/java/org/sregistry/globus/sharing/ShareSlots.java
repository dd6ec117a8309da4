package org.sregistry.globus.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.sregistry.api.PluginStore;

/**
 * A counting semaphore over the {@link PluginStore}, shared by every registry process on one database: at most
 * {@code max} shares (per-transfer access rules) open at once. Slot {@code i} is the record
 * ({@value #KIND}, {@code "i"}) for {@code i} in {@code 0..max-1}; its value is the owner's key (the transfer's sid),
 * or {@code ""} once released.
 *
 * <p>Every change is one atomic store operation, so two processes never hold the same slot: a claim is
 * {@code insertIfAbsent} on a slot never used, or {@code replace("" → owner)} on a released one; a release is
 * {@code replace(owner → "")}. A release therefore frees only the owner's own claim, even when retried after the
 * slot went to someone else (a plain delete would free theirs).
 *
 * <p>A claim by an owner that already holds a slot answers that slot (a retried claim takes no second one). When
 * {@code max} is lowered below the slots in use, claims are refused until enough are released.
 */
public final class ShareSlots {

    /** The store kind of the slot records. */
    public static final String KIND = "globus-share-slot";

    private static final String FREE = "";
    /** More records than any max (1000) plus leftovers from a higher one: read the kind in one call. */
    private static final int LIST_LIMIT = 10_000;

    /** A held slot. */
    public record Slot(int index, String owner) {
    }

    private final PluginStore store;
    private final IntSupplier max;

    /** Slots in {@code store}, at most {@code max.getAsInt()} (read at each claim, so a changed setting applies). */
    public ShareSlots(PluginStore store, IntSupplier max) {
        this.store = Objects.requireNonNull(store);
        this.max = Objects.requireNonNull(max);
    }

    /**
     * Claims a slot for {@code owner}, or answers the one it already holds.
     *
     * @throws SharingException {@link SharingException.Reason#TOO_MANY_TRANSFERS} when every slot is taken
     */
    public Slot claim(String owner) {
        requireOwner(owner);
        int limit = max.getAsInt();
        Map<Integer, String> taken = holders();
        for (Map.Entry<Integer, String> e : taken.entrySet()) {
            if (e.getValue().equals(owner)) {
                return new Slot(e.getKey(), owner);
            }
        }
        if (taken.size() < limit) {
            for (int i = 0; i < limit; i++) {
                if (!taken.containsKey(i) && take(i, owner)) {
                    return new Slot(i, owner);
                }
            }
        }
        throw new SharingException(SharingException.Reason.TOO_MANY_TRANSFERS, limit + " transfers are in "
                + "progress; try again when one ends", null);
    }

    /** Releases the owner's slot; false when it holds none (already released). */
    public boolean release(String owner) {
        requireOwner(owner);
        boolean released = false;
        for (Map.Entry<Integer, String> e : holders().entrySet()) {
            if (e.getValue().equals(owner)) {
                released |= store.replace(KIND, Integer.toString(e.getKey()), owner, FREE);
            }
        }
        return released;
    }

    /** The slot {@code owner} holds, if any. */
    public Optional<Slot> heldBy(String owner) {
        requireOwner(owner);
        return holders().entrySet().stream().filter(e -> e.getValue().equals(owner)).findFirst()
                .map(e -> new Slot(e.getKey(), owner));
    }

    /** How many slots are held now. */
    public int inUse() {
        return holders().size();
    }

    /** Every held slot (index → owner), in no particular order. */
    public List<Slot> held() {
        List<Slot> out = new ArrayList<>();
        holders().forEach((i, owner) -> out.add(new Slot(i, owner)));
        return out;
    }

    /** The configured number of slots. */
    public int max() {
        return max.getAsInt();
    }

    /** Held slots: records of the kind with a numeric key and an owner. */
    private Map<Integer, String> holders() {
        Map<Integer, String> out = new HashMap<>();
        for (PluginStore.StoredRecord r : store.list(KIND, LIST_LIMIT, 0)) {
            Integer index = index(r.key());
            if (index != null && r.value() != null && !r.value().isEmpty()) {
                out.put(index, r.value());
            }
        }
        return out;
    }

    /** One atomic attempt on slot {@code i}, which looked free: new record, or a released one taken over. */
    private boolean take(int i, String owner) {
        String key = Integer.toString(i);
        return store.insertIfAbsent(KIND, key, owner) || store.replace(KIND, key, FREE, owner);
    }

    private static Integer index(String key) {
        try {
            int i = Integer.parseInt(key);
            return i >= 0 ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("a slot's owner must not be empty");
        }
    }
}
