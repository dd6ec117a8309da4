package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportPaceTest {
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(30);

    @Test
    void aYoungActiveTaskIsPolledEvery2SecondsThenLessOftenUpToThePollInterval() {
        assertThat(ImportPace.next(1, NOW.minusSeconds(1), NOW, POLL)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ImportPace.next(1, NOW.minusSeconds(50), NOW, POLL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(ImportPace.next(1, NOW.minusSeconds(3600), NOW, POLL)).isEqualTo(POLL);
    }

    @Test
    void withNothingActiveItWaitsThePollInterval() {
        assertThat(ImportPace.next(0, null, NOW, POLL)).isEqualTo(POLL);
    }

    @Test
    void whileFastPollingTheTaskListIsReadAtMostOncePerPollInterval() {
        ImportPace pace = new ImportPace();
        assertThat(pace.listingDue(true, NOW, POLL)).isTrue();
        pace.listed(NOW);
        assertThat(pace.listingDue(true, NOW.plusSeconds(2), POLL)).isFalse();
        assertThat(pace.listingDue(true, NOW.plusSeconds(30), POLL)).isTrue();
        assertThat(pace.listingDue(false, NOW.plusSeconds(2), POLL)).as("idle rounds always list").isTrue();
    }
}
