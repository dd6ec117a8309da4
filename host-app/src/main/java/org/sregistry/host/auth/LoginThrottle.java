package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed logins from one address, each
 * further failure locks that address out for twice as long as the previous one (1 s, 2 s, 4 s, …,
 * at most 5 minutes). A successful login clears the address.
 */
public final class LoginThrottle {
    private static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCK = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must still wait, or {@link Duration#ZERO}. */
    public Duration wait(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null || failures.lockedUntil == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), failures.lockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a failed login. */
    public void failed(String address) {
        if (byAddress.size() > MAX_TRACKED) {
            byAddress.clear(); // bounded memory beats perfect bookkeeping under a flood
        }
        byAddress.compute(address, (a, f) -> {
            Failures next = f == null ? new Failures() : f;
            next.count++;
            if (next.count > FREE_FAILURES) {
                long seconds = 1L << Math.min(20, next.count - FREE_FAILURES - 1);
                Duration lock = Duration.ofSeconds(seconds);
                next.lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
            }
            return next;
        });
    }

    /** Records a successful login. */
    public void succeeded(String address) {
        byAddress.remove(address);
    }

    private static final class Failures {
        int count;
        Instant lockedUntil;
    }
}
