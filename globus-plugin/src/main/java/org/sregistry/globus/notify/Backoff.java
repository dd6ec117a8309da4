package org.sregistry.globus.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 1 min, 5 min, 30 min, 2 h, then 6 h after the attempts before; after
 * {@value #MAX_ATTEMPTS} attempts (about 9 hours) it is given up, its last error kept.
 */
public final class Backoff {
    /** The waits after the 1st, 2nd, … failed attempt. */
    public static final List<Duration> DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));
    /** Attempts before giving up. */
    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;

    private Backoff() {
    }

    /** The wait after attempt number {@code attempts} (1 = the first) failed; empty = give up. */
    public static Optional<Duration> after(int attempts) {
        return attempts >= 1 && attempts < MAX_ATTEMPTS ? Optional.of(DELAYS.get(attempts - 1)) : Optional.empty();
    }
}
