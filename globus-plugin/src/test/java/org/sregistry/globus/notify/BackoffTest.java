package org.sregistry.globus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule: 1 min, 5 min, 30 min, 2 h, 6 h, then given up after the sixth attempt. */
class BackoffTest {
    @Test
    void waitsGrowThenTheSixthFailedAttemptGivesUp() {
        assertThat(Backoff.after(1)).contains(Duration.ofMinutes(1));
        assertThat(Backoff.after(2)).contains(Duration.ofMinutes(5));
        assertThat(Backoff.after(3)).contains(Duration.ofMinutes(30));
        assertThat(Backoff.after(4)).contains(Duration.ofHours(2));
        assertThat(Backoff.after(5)).contains(Duration.ofHours(6));
        assertThat(Backoff.after(6)).isEmpty();
        assertThat(Backoff.MAX_ATTEMPTS).isEqualTo(6);
    }

    @Test
    void noAttemptYetOrMoreThanTheMostAreNotRetried() {
        assertThat(Backoff.after(0)).isEmpty();
        assertThat(Backoff.after(7)).isEmpty();
    }
}
