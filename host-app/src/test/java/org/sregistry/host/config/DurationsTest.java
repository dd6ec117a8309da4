package org.sregistry.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sregistry.api.ConfigOption;
import org.sregistry.host.HostOptions;

class DurationsTest {

    @Test
    void unitsCombinationsAndIso() {
        assertThat(Durations.parse("0s")).isZero();
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse(" 1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d 12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void refusalsSayWhatIsExpected() {
        for (String bad : new String[] {"", "60", "1.5h", "hourly", "1w", "-1h", "h1", "PT-1H", "PTxH"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).hasMessageContaining("expected a duration");
        }
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Durations.parse("3651d")).hasMessageContaining("too long");
        assertThat(Durations.check("30s", Duration.ofMinutes(1))).contains("'30s' is shorter than 1m");
        assertThat(Durations.check("1m", Duration.ofMinutes(1))).isEmpty();
        assertThat(Durations.parseOr("nonsense", Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parseOr(null, Duration.ZERO, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void formatsTheWayTheOptionsAreWritten() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(3661))).isEqualTo("1h1m1s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    @Test
    void theCleanUpOptionsHaveTheirDefaultsAndBounds() {
        ConfigOption interval = option(HostOptions.GC_INTERVAL);
        ConfigOption grace = option(HostOptions.GC_GRACE);
        assertThat(interval.defaultValue()).isEqualTo("1h");
        assertThat(grace.defaultValue()).isEqualTo("24h");
        assertThat(interval.validator().check("59s")).isPresent();
        assertThat(interval.validator().check("1m")).isEmpty();
        assertThat(grace.validator().check("0s")).isEmpty();
        assertThat(grace.validator().check("24")).isPresent();
        assertThat(HostOptions.CHECKED_AT_START).contains(HostOptions.GC_INTERVAL, HostOptions.GC_GRACE);
    }

    private static ConfigOption option(String key) {
        return HostOptions.all().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }
}
