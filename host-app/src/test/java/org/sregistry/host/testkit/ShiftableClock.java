package org.sregistry.host.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A clock a test moves forward ({@link #advance}): the system clock plus an offset, for a server that must keep
 * talking to real peers (which use real time) while its own "later" comes sooner — a retry due in five minutes,
 * say; or, {@link #startingAt fixed}, for unit tests that assert exact times.
 *
 * <pre>{@code
 * ShiftableClock clock = new ShiftableClock();
 * RegistryExtension registry = RegistryExtension.builder().clock(clock).start();
 * clock.advance(Duration.ofMinutes(5));   // the server's plugins now see five minutes more
 * }</pre>
 */
public final class ShiftableClock extends Clock {
    private final Supplier<Instant> base;
    private volatile Duration offset = Duration.ZERO;

    /** The system clock, until moved. */
    public ShiftableClock() {
        this(Instant::now);
    }

    private ShiftableClock(Supplier<Instant> base) {
        this.base = base;
    }

    /** A clock that stands at {@code start} until moved. */
    public static ShiftableClock startingAt(Instant start) {
        return new ShiftableClock(() -> start);
    }

    /** Moves this clock forward by {@code by}. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return base.get().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
