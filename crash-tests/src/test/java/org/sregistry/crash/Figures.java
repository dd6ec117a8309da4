package org.sregistry.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** What the run did and found: counters, the incidents behind every nonzero failure counter, and the table. */
final class Figures {
    enum Count {
        ACK_UPLOADS, ACK_REPLACES, ACK_DELETES, ACK_PULLS, ACK_PUSHES,
        ACK_OCI_PUSHES, ACK_OCI_DELETES, ACK_OCI_CHUNKS, ACK_OCI_RESUMES,
        UNACK_WRITES, UNACK_APPLIED, UNACK_ABSENT, UNACK_PULLS, UNACK_PUSHES,
        UNACK_OCI, UNACK_OCI_APPLIED, UNACK_OCI_ABSENT, ABANDONED_SESSIONS,
        REFUSED, SERVER_ERRORS,
        LOST_UPLOADS, LOST_DELETES, LOST_PULLS, LOST_PUSHES, LOST_LEDGER,
        LOST_OCI_PUSHES, LOST_OCI_DELETES, LOST_OCI_UPLOADS,
        DUPLICATED, MISNAMED, ORPHAN_BLOBS, STALE_TEMP, STALE_UPLOADS, STALE_STAGED, HALF_WRITTEN
    }

    /** The counters that fail the run. */
    static final List<Count> FAILURES = List.of(Count.LOST_UPLOADS, Count.LOST_DELETES, Count.LOST_PULLS,
            Count.LOST_PUSHES, Count.LOST_LEDGER, Count.LOST_OCI_PUSHES, Count.LOST_OCI_DELETES,
            Count.LOST_OCI_UPLOADS, Count.DUPLICATED, Count.MISNAMED, Count.ORPHAN_BLOBS, Count.STALE_TEMP,
            Count.STALE_UPLOADS, Count.STALE_STAGED, Count.HALF_WRITTEN);

    private final Map<Count, LongAdder> counts = new EnumMap<>(Count.class);
    private final Map<String, Integer> kills = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> incidents = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<Integer> badCycles = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Long> startMillis = Collections.synchronizedList(new ArrayList<>());

    Figures() {
        for (Count c : Count.values()) {
            counts.put(c, new LongAdder());
        }
    }

    void add(Count c) {
        counts.get(c).increment();
    }

    long get(Count c) {
        return counts.get(c).sum();
    }

    /** A failure counter goes up, with what happened (printed under the table). */
    void incident(Count c, int cycle, String what) {
        add(c);
        badCycles.add(cycle);
        incidents.add(String.format("cycle %3d  %-13s %s", cycle, label(c), what));
    }

    /** {@link #incident} unless one with the same counter and key was reported before (found by two checks). */
    void incidentOnce(Count c, String key, int cycle, String what) {
        if (reported.add(c + " " + key)) {
            incident(c, cycle, what);
        }
    }

    boolean reported(Count c, String key) {
        return reported.contains(c + " " + key);
    }

    void killed(String mode) {
        kills.merge(mode, 1, Integer::sum);
    }

    void started(long millis) {
        startMillis.add(millis);
    }

    long failures() {
        return FAILURES.stream().mapToLong(this::get).sum();
    }

    String table(long seed, long elapsedMillis) {
        int totalKills = kills.values().stream().mapToInt(Integer::intValue).sum();
        double avgStart = startMillis.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0;
        StringBuilder t = new StringBuilder();
        t.append(String.format("%n==== crash consistency: seed %d (repeat with -Dcrash.seed=%d) ====%n", seed, seed));
        t.append(String.format("kills                    %6d   %s%n", totalKills, kills));
        t.append(String.format("restarts finding failures  %4d   (cycles %s; the last is the final check)%n",
                badCycles.size(), new java.util.TreeSet<>(badCycles)));
        t.append(String.format("run time                 %6.0f s (%d starts, %.1f s each on average)%n",
                elapsedMillis / 1000.0, startMillis.size(), avgStart));
        t.append("acknowledged (2xx received)\n");
        row(t, "  uploads", Count.ACK_UPLOADS);
        row(t, "  replaces", Count.ACK_REPLACES);
        row(t, "  deletes", Count.ACK_DELETES);
        row(t, "  globus pulls", Count.ACK_PULLS);
        row(t, "  globus pushes", Count.ACK_PUSHES);
        t.append(String.format("  oci pushes             %6d   (manifest PUT 201; %d chunks acknowledged, %d uploads"
                + " resumed after a kill)%n", get(Count.ACK_OCI_PUSHES), get(Count.ACK_OCI_CHUNKS),
                get(Count.ACK_OCI_RESUMES)));
        row(t, "  oci deletes", Count.ACK_OCI_DELETES);
        t.append("unacknowledged (cut by a kill)\n");
        t.append(String.format("  writes                 %6d   (%d applied wholly, %d absent)%n", get(Count.UNACK_WRITES),
                get(Count.UNACK_APPLIED), get(Count.UNACK_ABSENT)));
        row(t, "  globus pulls", Count.UNACK_PULLS);
        row(t, "  globus pushes", Count.UNACK_PUSHES);
        t.append(String.format("  oci writes             %6d   (%d applied wholly, %d absent)%n", get(Count.UNACK_OCI),
                get(Count.UNACK_OCI_APPLIED), get(Count.UNACK_OCI_ABSENT)));
        t.append(String.format("  oci upload sessions    %6d   (left open by a cut push: resumable, kept; no upload"
                + " garbage collection)%n", get(Count.ABANDONED_SESSIONS)));
        t.append(String.format("answers 4xx / 5xx        %6d / %d%n", get(Count.REFUSED), get(Count.SERVER_ERRORS)));
        t.append("---- must all be 0 ----\n");
        long lost = get(Count.LOST_UPLOADS) + get(Count.LOST_DELETES) + get(Count.LOST_PULLS) + get(Count.LOST_PUSHES)
                + get(Count.LOST_LEDGER) + get(Count.LOST_OCI_PUSHES) + get(Count.LOST_OCI_DELETES)
                + get(Count.LOST_OCI_UPLOADS);
        t.append(String.format("lost                     %6d   (uploads/replaces %d, deletes %d, pulls %d, pushes %d,"
                        + " ledger records %d, oci pushes %d, oci deletes %d, oci acknowledged chunks %d)%n", lost,
                get(Count.LOST_UPLOADS), get(Count.LOST_DELETES), get(Count.LOST_PULLS), get(Count.LOST_PUSHES),
                get(Count.LOST_LEDGER), get(Count.LOST_OCI_PUSHES), get(Count.LOST_OCI_DELETES),
                get(Count.LOST_OCI_UPLOADS)));
        row(t, "duplicated", Count.DUPLICATED);
        row(t, "misnamed", Count.MISNAMED);
        row(t, "orphan blobs", Count.ORPHAN_BLOBS);
        row(t, "stale temp files", Count.STALE_TEMP);
        row(t, "stale upload sessions", Count.STALE_UPLOADS);
        row(t, "stale staged files", Count.STALE_STAGED);
        row(t, "half-written", Count.HALF_WRITTEN);
        synchronized (incidents) {
            if (!incidents.isEmpty()) {
                t.append("---- incidents ----\n");
                incidents.stream().limit(200).forEach(i -> t.append(i).append('\n'));
                if (incidents.size() > 200) {
                    t.append("... and ").append(incidents.size() - 200).append(" more\n");
                }
            }
        }
        return t.toString();
    }

    private void row(StringBuilder t, String label, Count c) {
        t.append(String.format("%-24s %6d%n", label, get(c)));
    }

    private static String label(Count c) {
        return c.name().toLowerCase().replace('_', ' ');
    }
}
