package org.sregistry.host.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in configuration values: whole numbers with a unit, {@code s m h d} (seconds, minutes,
 * hours, days), one or several ({@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}), case-insensitive,
 * spaces allowed between; or ISO-8601 ({@code PT1H}). A bare number is refused: seconds or minutes
 * would be a guess.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*([smhd])");
    private static final Pattern WHOLE = Pattern.compile("(\\d+\\s*[smhd]\\s*)+");
    private static final String EXPECTED = "expected a duration: a number with a unit s, m, h or d, e.g. 30m, 1h, 1h30m,"
            + " 2d (or ISO-8601 such as PT1H)";
    /** Longer than any sensible setting, short enough never to overflow in milliseconds. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private Durations() {
    }

    /**
     * The duration {@code text} says.
     *
     * @throws IllegalArgumentException when it is not one (the message says what is expected)
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String v = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        if (v.startsWith("p")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(EXPECTED);
            }
        } else {
            if (!WHOLE.matcher(v).matches()) {
                throw new IllegalArgumentException(EXPECTED);
            }
            d = Duration.ZERO;
            Matcher m = PART.matcher(v);
            while (m.find()) {
                long n;
                try {
                    n = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is too long");
                }
                if (n > LONGEST.toSeconds()) {
                    throw new IllegalArgumentException("'" + text.trim() + "' is too long (at most 3650d)");
                }
                d = d.plus(switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text.trim() + "' is negative; " + EXPECTED);
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + text.trim() + "' is too long (at most 3650d)");
        }
        return d;
    }

    /** A validator for {@link org.sregistry.api.ConfigOption}: empty when {@code text} is a duration of at least {@code min}. */
    public static Optional<String> check(String text, Duration min) {
        try {
            Duration d = parse(text);
            if (d.compareTo(min) < 0) {
                return Optional.of("'" + text.trim() + "' is shorter than " + format(min));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The value of {@code text}, or {@code fallback} when it is not a valid duration of at least {@code min}. */
    public static Duration parseOr(String text, Duration min, Duration fallback) {
        return text != null && check(text, min).isEmpty() ? parse(text) : fallback;
    }

    /** {@code 1h30m}, {@code 2d}, {@code 45s}, {@code 0s}: the form the options take. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long seconds = d.toSeconds();
        long[] units = {86_400, 3600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds >= units[i]) {
                out.append(seconds / units[i]).append(names[i]);
                seconds %= units[i];
            }
        }
        return out.length() == 0 ? d.toMillis() + "ms" : out.toString();
    }
}
