package org.sregistry.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every name the harness writes, grouped by the worker that owns it (a name has one writer, so its expected state
 * is well defined), plus the few "pool" images that pushes send and nobody changes.
 */
final class ImageBook {
    static final int POOL = -1;

    private final Map<Integer, List<TrackedName>> byOwner = new ConcurrentHashMap<>();

    /** The owner's names; only the owner's thread changes the list. */
    List<TrackedName> owned(int owner) {
        return byOwner.computeIfAbsent(owner, k -> new ArrayList<>());
    }

    /** Every name (call when no worker runs). */
    List<TrackedName> all() {
        List<TrackedName> all = new ArrayList<>();
        byOwner.values().forEach(all::addAll);
        return all;
    }

    /** The pool images with their content (call when no worker runs, or from the Globus worker). */
    List<TrackedName> pool() {
        return List.copyOf(owned(POOL));
    }
}
