package org.sregistry.globus.imports;

import java.time.Duration;
import java.time.Instant;

/**
 * How soon the import task runs again. While tasks the registry submitted are active, it polls them
 * every 2 s at first and then less often as they grow older (a tenth of their age, at most the poll
 * interval): a short pull is imported within seconds of finishing, a transfer that runs for hours
 * costs a request every few minutes, not every 2 s. Otherwise it waits the poll interval. The task
 * list (the slow path) is read at most once per poll interval while fast polling.
 */
final class ImportPace {
    /** The shortest delay between runs. */
    static final Duration FASTEST = Duration.ofSeconds(2);

    private Instant lastListing;

    /** Whether this round reads the task list: always when nothing is watched, else once per poll interval. */
    boolean listingDue(boolean watching, Instant now, Duration poll) {
        return !watching || lastListing == null || !now.isBefore(lastListing.plus(poll));
    }

    /** Remembers that the task list was read. */
    void listed(Instant now) {
        lastListing = now;
    }

    /** The delay before the next run. */
    static Duration next(int watched, Instant youngestSubmittedAt, Instant now, Duration poll) {
        if (watched == 0 || youngestSubmittedAt == null) {
            return poll;
        }
        Duration tenthOfAge = Duration.between(youngestSubmittedAt, now).dividedBy(10);
        Duration delay = tenthOfAge.compareTo(FASTEST) < 0 ? FASTEST : tenthOfAge;
        return delay.compareTo(poll) > 0 ? poll : delay;
    }
}
