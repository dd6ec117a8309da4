package org.sregistry.globus.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far the import task has read Globus's list of finished tasks. The next listing asks for tasks
 * completed since {@code through - OVERLAP}: the overlap re-lists the last minutes, so a task that
 * Globus lists a little late (or that finished in the same second as the last one read) is not
 * missed, and {@code seen} remembers which of those were already looked at, so re-listing them
 * costs nothing but a line in the one page. Immutable; persisted by {@link ImportCursorStore}.
 *
 * @param through the latest completion time read so far
 * @param seen    tasks looked at whose completion time lies within the overlap, with that time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportCursor(
        @JsonProperty("through") Instant through,
        @JsonProperty("seen") Map<String, Instant> seen) {

    /** How far back each listing reaches before {@code through}. */
    public static final Duration OVERLAP = Duration.ofMinutes(2);

    public ImportCursor {
        seen = seen == null ? Map.of() : Map.copyOf(seen);
    }

    /** A cursor for a registry that never listed before: start at {@code from}. */
    public static ImportCursor startingAt(Instant from) {
        return new ImportCursor(from, Map.of());
    }

    /**
     * The completion time the next listing starts at, in whole seconds as Globus filters them; tasks
     * from this second on are listed, so {@code seen} keeps every task from this second on.
     */
    public Instant listFrom() {
        return through.minus(OVERLAP).truncatedTo(ChronoUnit.SECONDS);
    }

    /** True when the task was looked at already. */
    public boolean hasSeen(String taskId) {
        return seen.containsKey(taskId);
    }

    /** With a task looked at; {@code through} moves forward to its completion time, old entries go. */
    public ImportCursor withSeen(String taskId, Instant completedAt) {
        Map<String, Instant> updated = new LinkedHashMap<>(seen);
        Instant newThrough = through;
        if (completedAt != null) {
            updated.put(taskId, completedAt);
            newThrough = completedAt.isAfter(through) ? completedAt : through;
        }
        return new ImportCursor(newThrough, updated).pruned();
    }

    /** Both cursors' knowledge (two processes may advance it at once): the later time, both seen sets. */
    public ImportCursor mergedWith(ImportCursor other) {
        Map<String, Instant> union = new LinkedHashMap<>(other.seen);
        union.putAll(seen);
        Instant later = through.isAfter(other.through) ? through : other.through;
        return new ImportCursor(later, union).pruned();
    }

    private ImportCursor pruned() {
        Instant horizon = listFrom();
        Map<String, Instant> kept = new LinkedHashMap<>();
        seen.forEach((id, at) -> {
            if (!at.isBefore(horizon)) {
                kept.put(id, at);
            }
        });
        return new ImportCursor(through, kept);
    }
}
