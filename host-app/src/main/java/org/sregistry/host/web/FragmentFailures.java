package org.sregistry.host.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin fragments that threw, per plugin and slot: how often, the last error and when, shown on the settings page.
 * The log gets the first failure of a plugin and slot with its stack trace, then at most one line per
 * {@link #LOG_EVERY} saying how many more there were — never a stack trace per page view. A plugin's entries are
 * forgotten when it stops, so a fixed version starts clean.
 */
public final class FragmentFailures {
    /** At most one log line per plugin and slot this often, after the first. */
    public static final Duration LOG_EVERY = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(FragmentFailures.class);

    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The failures of one plugin's fragment for one slot. */
    public record Failure(String pluginId, String slot, long count, String lastError, Instant lastAt) {
    }

    private record Key(String pluginId, String slot) {
    }

    private static final class Entry {
        long count;
        long unlogged;
        String lastError;
        Instant lastAt;
        Instant loggedAt;
    }

    public FragmentFailures(Clock clock) {
        this.clock = clock;
    }

    /** Counts a failure and logs it when due. */
    public void record(String pluginId, String slot, Throwable failure) {
        Instant now = clock.instant();
        Entry entry = entries.computeIfAbsent(new Key(pluginId, slot), k -> new Entry());
        boolean first;
        long unlogged;
        synchronized (entry) {
            entry.count++;
            entry.lastError = describe(failure);
            entry.lastAt = now;
            first = entry.loggedAt == null;
            boolean due = first || !entry.loggedAt.plus(LOG_EVERY).isAfter(now);
            if (!due) {
                entry.unlogged++;
                return;
            }
            unlogged = entry.unlogged;
            entry.unlogged = 0;
            entry.loggedAt = now;
        }
        if (first) {
            LOG.error("Plugin {} failed to render slot {}; it is left out of pages (logged once, counted on"
                    + " /settings)", pluginId, slot, failure);
        } else {
            LOG.warn("Plugin {} failed to render slot {} {} more times since the last report; last: {}", pluginId,
                    slot, unlogged + 1, describe(failure));
        }
    }

    /** The failures of a plugin's fragments, by slot. */
    public List<Failure> of(String pluginId) {
        List<Failure> failures = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (key.pluginId().equals(pluginId)) {
                synchronized (entry) {
                    failures.add(new Failure(key.pluginId(), key.slot(), entry.count, entry.lastError, entry.lastAt));
                }
            }
        });
        failures.sort(Comparator.comparing(Failure::slot));
        return failures;
    }

    /** Forgets a plugin's failures (it stopped). */
    public void forget(String pluginId) {
        entries.keySet().removeIf(key -> key.pluginId().equals(pluginId));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
