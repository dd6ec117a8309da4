package org.sregistry.globussim.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-route request counts keyed by route template, so tests can assert what a client cost. */
public final class RequestStats {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String routeKey) {
        counts.computeIfAbsent(routeKey, k -> new LongAdder()).increment();
    }

    /** A sorted snapshot. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() { counts.clear(); }
}
