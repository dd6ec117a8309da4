package org.sregistry.globus.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void valuesAreReusedUntilTheyExpireOrAreReloaded() {
        TtlCache<String, Integer> cache = new TtlCache<>(clock, Duration.ofSeconds(30), 10);
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("a", false, loads::incrementAndGet).hit()).isFalse();
        TtlCache.Entry<Integer> again = cache.get("a", false, loads::incrementAndGet);
        assertThat(again.hit()).isTrue();
        assertThat(again.value()).isEqualTo(1);
        assertThat(cache.get("a", true, loads::incrementAndGet).value()).isEqualTo(2);
        now = now.plusSeconds(31);
        assertThat(cache.get("a", false, loads::incrementAndGet).value()).isEqualTo(3);
        cache.clear();
        assertThat(cache.get("a", false, loads::incrementAndGet).hit()).isFalse();
    }

    @Test
    void failuresAreNotCachedAndTheOldestKeyIsDropped() {
        TtlCache<String, Integer> cache = new TtlCache<>(clock, Duration.ofSeconds(30), 2);
        try {
            cache.get("x", false, () -> {
                throw new IllegalStateException("globus down");
            });
        } catch (IllegalStateException expected) {
            // not cached
        }
        assertThat(cache.get("x", false, () -> 7).hit()).isFalse();
        cache.get("y", false, () -> 8);
        cache.get("z", false, () -> 9);
        assertThat(cache.get("x", false, () -> 10).value()).isEqualTo(10);
    }
}
