package org.sregistry.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it: {@link #advance} to make a retry due, {@link #set} to jump to an
 * exact instant. Safe to read and move from several threads. Always in UTC.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:05:00Z"));
 * }</pre>
 *
 * <p>For a server that also talks to real peers (which use real time), the host's test kit has
 * {@code org.sregistry.host.testkit.ShiftableClock}: the system clock plus an offset.
 */
public final class FakeClock extends Clock {
    /** Where a {@link FakeClock} made without an instant starts: {@code 2030-01-01T00:00:00Z}. */
    public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

    private volatile Instant now;

    /** A clock standing at {@link #DEFAULT_START}. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /** A clock standing at {@code start}. */
    public FakeClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock forward (or, with a negative duration, back) by {@code by}; answers the new instant. */
    public synchronized Instant advance(Duration by) {
        now = now.plus(by);
        return now;
    }

    /** Puts the clock at {@code instant}. */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock (it has one zone, UTC). */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
