package org.sregistry.globus.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a sync rule runs: every hour (at minute {@code mm} of {@code at}), every day at {@code at}, or every week on
 * {@code day} at {@code at}, all in the IANA time zone {@code zone}, so "02:00 in Europe/Berlin" stays 02:00 across
 * daylight saving time. A local time that does not exist on a given day (skipped by the clocks going forward) runs
 * at the same offset after the gap; one that happens twice runs once, at the first.
 * <pre>{"every":"P1D","at":"02:00","zone":"Europe/Berlin"}     {"every":"P7D","at":"06:30","zone":"UTC","day":"monday"}</pre>
 *
 * @param every {@code PT1H}, {@code P1D} or {@code P7D}
 * @param at    {@code HH:mm} (24 h)
 * @param zone  an IANA zone id ({@code Europe/Berlin}, {@code UTC})
 * @param day   the weekday of a weekly schedule ({@code monday} … {@code sunday}); null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncSchedule(@JsonProperty("every") String every, @JsonProperty("at") String at,
                           @JsonProperty("zone") String zone, @JsonProperty("day") String day) {

    public static final String HOURLY = "PT1H";
    public static final String DAILY = "P1D";
    public static final String WEEKLY = "P7D";
    /** The periods a rule may have. */
    public static final List<String> PERIODS = List.of(HOURLY, DAILY, WEEKLY);

    private static final Pattern AT = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /**
     * A checked schedule; {@code day} defaults to Monday for a weekly one.
     *
     * @throws SyncRuleException naming {@code schedule.every}, {@code schedule.at}, {@code schedule.zone} or
     *                           {@code schedule.day}
     */
    public static SyncSchedule of(String every, String at, String zone, String day) {
        String period = every == null ? "" : every.trim().toUpperCase(Locale.ROOT);
        if (!PERIODS.contains(period)) {
            throw SyncRuleException.invalid("schedule.every", "expected one of " + String.join(", ", PERIODS)
                    + " (every hour, day or week)");
        }
        String time = at == null ? "" : at.trim();
        if (!AT.matcher(time).matches()) {
            throw SyncRuleException.invalid("schedule.at", "expected a time of day as HH:mm, such as 02:00");
        }
        String zoneId = zone == null ? "" : zone.trim();
        if (!ZONES.contains(zoneId)) {
            throw SyncRuleException.invalid("schedule.zone", "expected an IANA time zone such as Europe/Berlin or UTC");
        }
        return new SyncSchedule(period, time, zoneId, weekday(period, day));
    }

    private static String weekday(String period, String day) {
        String given = day == null || day.isBlank() ? null : day.trim().toLowerCase(Locale.ROOT);
        if (!WEEKLY.equals(period)) {
            if (given != null) {
                throw SyncRuleException.invalid("schedule.day", "only a weekly schedule (P7D) has a day");
            }
            return null;
        }
        if (given == null) {
            return "monday";
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equalsIgnoreCase(given)) {
                return given;
            }
        }
        throw SyncRuleException.invalid("schedule.day", "expected a weekday such as monday");
    }

    /** The first run strictly after {@code now}. */
    public Instant nextAfter(Instant now) {
        ZoneId z = ZoneId.of(zone);
        LocalTime time = LocalTime.parse(at);
        ZonedDateTime local = now.atZone(z);
        return switch (every) {
            case HOURLY -> {
                ZonedDateTime candidate = local.truncatedTo(ChronoUnit.HOURS).withMinute(time.getMinute());
                while (!candidate.toInstant().isAfter(now)) {
                    candidate = candidate.plusHours(1); // on the instant time line: DST adds or drops no run
                }
                yield candidate.toInstant();
            }
            case DAILY -> firstAfter(now, local.toLocalDate(), 1, time, z);
            case WEEKLY -> firstAfter(now, local.toLocalDate().with(TemporalAdjusters.nextOrSame(weekday())), 7,
                    time, z);
            default -> throw new IllegalStateException("unknown period " + every);
        };
    }

    private static Instant firstAfter(Instant now, LocalDate from, int stepDays, LocalTime time, ZoneId z) {
        LocalDate date = from;
        Instant candidate = ZonedDateTime.of(date, time, z).toInstant();
        while (!candidate.isAfter(now)) {
            date = date.plusDays(stepDays);
            candidate = ZonedDateTime.of(date, time, z).toInstant();
        }
        return candidate;
    }

    private DayOfWeek weekday() {
        return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
    }

    /** In words: "every day at 02:00 (Europe/Berlin)". */
    public String describe() {
        return switch (every) {
            case HOURLY -> "every hour at minute " + at.substring(3);
            case DAILY -> "every day at " + at;
            case WEEKLY -> "every " + weekday().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at " + at;
            default -> every;
        } + " (" + zone + ")";
    }
}
