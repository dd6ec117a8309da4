package org.sregistry.globus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Next runs in the rule's own time zone, across daylight saving time, and the checks that name the bad field. */
class SyncScheduleTest {

    @Test
    void aDailyRunIsAtTheSameLocalTimeOnBothSidesOfTheClockChange() {
        SyncSchedule nightly = SyncSchedule.of("P1D", "02:30", "Europe/Berlin", null);
        // 31 March 2030, Berlin goes from 02:00 CET to 03:00 CEST: 02:30 does not exist, it runs after the gap
        assertThat(nightly.nextAfter(Instant.parse("2030-03-30T12:00:00Z"))).isEqualTo("2030-03-31T01:30:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2030-03-29T00:00:00Z"))).isEqualTo("2030-03-29T01:30:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2030-04-01T00:29:59Z"))).isEqualTo("2030-04-01T00:30:00Z");
        // 27 October 2030: 02:30 happens twice; the first one
        assertThat(nightly.nextAfter(Instant.parse("2030-10-26T12:00:00Z"))).isEqualTo("2030-10-27T00:30:00Z");
    }

    @Test
    void theNextRunIsStrictlyAfterNow() {
        SyncSchedule nightly = SyncSchedule.of("P1D", "02:00", "UTC", null);
        assertThat(nightly.nextAfter(Instant.parse("2030-01-01T02:00:00Z"))).isEqualTo("2030-01-02T02:00:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2030-01-01T01:59:59Z"))).isEqualTo("2030-01-01T02:00:00Z");
    }

    @Test
    void hourlyRunsAtTheMinuteOfAtAndWeeklyOnItsDay() {
        SyncSchedule hourly = SyncSchedule.of("pt1h", "07:15", "Asia/Kolkata", null); // +05:30: local :15 is UTC :45
        assertThat(hourly.every()).isEqualTo("PT1H");
        assertThat(hourly.nextAfter(Instant.parse("2030-01-01T10:50:00Z"))).isEqualTo("2030-01-01T11:45:00Z");
        assertThat(hourly.describe()).isEqualTo("every hour at minute 15 (Asia/Kolkata)");

        SyncSchedule weekly = SyncSchedule.of("P7D", "06:00", "UTC", "Friday");
        assertThat(weekly.day()).isEqualTo("friday");
        // 2030-01-01 is a Tuesday
        assertThat(weekly.nextAfter(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("2030-01-04T06:00:00Z");
        assertThat(weekly.nextAfter(Instant.parse("2030-01-04T06:00:00Z"))).isEqualTo("2030-01-11T06:00:00Z");
        assertThat(SyncSchedule.of("P7D", "06:00", "UTC", null).day()).isEqualTo("monday");
        assertThat(weekly.describe()).isEqualTo("every Friday at 06:00 (UTC)");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "P2D, 02:00, UTC, null, schedule.every",
            "null, 02:00, UTC, null, schedule.every",
            "P1D, 24:00, UTC, null, schedule.at",
            "P1D, 2:00, UTC, null, schedule.at",
            "P1D, 02:00, Mars/Olympus, null, schedule.zone",
            "P1D, 02:00, +02:00, null, schedule.zone",
            "P1D, 02:00, UTC, monday, schedule.day",
            "P7D, 02:00, UTC, someday, schedule.day"})
    void aBadScheduleNamesItsField(String every, String at, String zone, String day, String field) {
        assertThatThrownBy(() -> SyncSchedule.of(every, at, zone, day)).isInstanceOfSatisfying(SyncRuleException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.kind()).isEqualTo(SyncRuleException.Kind.INVALID);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @ParameterizedTest
    @CsvSource({"lab/*, lab, ''", "lab/tool*, lab, tool", " lab.x/t_1-* , lab.x, t_1-"})
    void aMatchIsOneCollectionAndANamePrefix(String text, String collection, String prefix) {
        SyncMatch match = SyncMatch.parse(text);
        assertThat(match.collection()).isEqualTo(collection);
        assertThat(match.namePrefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"lab", "lab/", "lab/tool", "*/x*", "lab/*/x*", "lab/to*l*", "Lab/*",
            "lab/T*", "/x*", "null", "'lab/a b*'"})
    void anythingElseIsABadMatch(String text) {
        assertThatThrownBy(() -> SyncMatch.parse(text)).isInstanceOfSatisfying(SyncRuleException.class,
                e -> assertThat(e.field()).isEqualTo("match"));
    }
}
