package org.sregistry.host.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Slows down password guessing without ever locking out the right password.
 *
 * <p>Failures are counted per (account, address): a guesser behind the same NAT or proxy as the
 * admin, or on another address, locks out nobody but itself. After {@value #FREE_FAILURES}
 * failures a key is <em>slowed</em> for a time that doubles with each further failure (1 s, 2 s,
 * 4 s, at most 5 minutes). While slowed, its attempts are still checked — a correct password is
 * always let in, and clears the key — but one at a time, and a wrong one is answered only after a
 * pause, with 429 and {@code Retry-After}: guessing runs at about one try per pause, however many
 * connections are opened. Attempts that find the key busy for longer than {@value #QUEUE_SECONDS}
 * s are answered 429 unchecked. Failures are forgotten {@value #FORGET_MINUTES} minutes after the
 * last one.
 */
public final class LoginThrottle {
    /** How an attempt ended. */
    public enum Verdict {
        /** The credentials were right. */
        ACCEPTED,
        /** Wrong, answered at once (401). */
        REJECTED,
        /** Wrong (or not checked), answered after a pause with 429 and {@link Outcome#retryAfter()}. */
        SLOWED
    }

    /** An attempt's verdict and, when slowed, how long to wait before the next. */
    public record Outcome(Verdict verdict, Duration retryAfter) {
        public boolean accepted() {
            return verdict == Verdict.ACCEPTED;
        }
    }

    private static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCK = Duration.ofMinutes(5);
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final int QUEUE_SECONDS = 5;
    private static final int FORGET_MINUTES = 15;
    private static final int MAX_TRACKED = 10_000;
    /** All names that are not an account share one key: inventing names gains nothing. */
    private static final String OTHER_NAMES = "\0other";

    private final Clock clock;
    private final java.util.function.Predicate<String> isAccount;
    private final Map<String, Failures> byKey = new HashMap<>();

    /** @param isAccount true for names of real accounts */
    public LoginThrottle(Clock clock, java.util.function.Predicate<String> isAccount) {
        this.clock = clock;
        this.isAccount = isAccount;
    }

    /** Checks a credential of {@code account} from {@code address} with {@code check} (true when right). */
    public Outcome attempt(String account, String address, BooleanSupplier check) {
        String key = (account != null && isAccount.test(account) ? account : OTHER_NAMES) + "\n" + address;
        Failures failures = slowedFailures(key);
        if (failures == null) {
            if (check.getAsBoolean()) {
                succeeded(key);
                return new Outcome(Verdict.ACCEPTED, Duration.ZERO);
            }
            failed(key);
            return new Outcome(Verdict.REJECTED, Duration.ZERO);
        }
        try {
            if (!failures.turn.tryAcquire(QUEUE_SECONDS, TimeUnit.SECONDS)) {
                return slowed(failures);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return slowed(failures);
        }
        try {
            if (check.getAsBoolean()) {
                succeeded(key);
                return new Outcome(Verdict.ACCEPTED, Duration.ZERO);
            }
            failed(key);
            Duration left = left(failures);
            Thread.sleep(Math.min(PAUSE.toMillis(), Math.max(1, left.toMillis())));
            return slowed(failures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return slowed(failures);
        } finally {
            failures.turn.release();
        }
    }

    private Outcome slowed(Failures failures) {
        Duration left = left(failures);
        return new Outcome(Verdict.SLOWED, left.isZero() ? Duration.ofSeconds(1) : left);
    }

    private synchronized Duration left(Failures failures) {
        if (failures.slowedUntil == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), failures.slowedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The key's failures when it is slowed, else null. */
    private synchronized Failures slowedFailures(String key) {
        Failures failures = byKey.get(key);
        if (failures != null && failures.forgotten(clock.instant())) {
            byKey.remove(key);
            return null;
        }
        return failures != null && failures.slowed() ? failures : null;
    }

    private synchronized void failed(String key) {
        Instant now = clock.instant();
        if (byKey.size() >= MAX_TRACKED && !byKey.containsKey(key)) {
            evict(now);
        }
        Failures failures = byKey.computeIfAbsent(key, k -> new Failures());
        failures.count++;
        failures.last = now;
        if (failures.count > FREE_FAILURES) {
            Duration lock = Duration.ofSeconds(1L << Math.min(20, failures.count - FREE_FAILURES - 1));
            failures.slowedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
    }

    private synchronized void succeeded(String key) {
        byKey.remove(key);
    }

    /** Bounded memory: forgotten keys go first, then the ones whose last failure is oldest. */
    private void evict(Instant now) {
        byKey.values().removeIf(f -> f.forgotten(now) || !f.slowed());
        if (byKey.size() >= MAX_TRACKED) {
            byKey.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().last))
                    .limit(MAX_TRACKED / 2).map(Map.Entry::getKey).toList().forEach(byKey::remove);
        }
    }

    private static final class Failures {
        final Semaphore turn = new Semaphore(1, true);
        int count;
        Instant last;
        Instant slowedUntil;

        boolean slowed() {
            return count > FREE_FAILURES;
        }

        boolean forgotten(Instant now) {
            return last != null && last.plus(Duration.ofMinutes(FORGET_MINUTES)).isBefore(now);
        }
    }
}
