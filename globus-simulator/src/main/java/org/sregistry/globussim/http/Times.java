package org.sregistry.globussim.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Globus's two timestamp styles, and a tolerant parser for what clients send back. */
public final class Times {
    private static final DateTimeFormatter TASK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

    private Times() {}

    /** Task style: {@code 2024-02-06T06:59:02+00:00}. */
    public static String task(Instant t) {
        return t == null ? null : TASK.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** File / endpoint style: {@code 2023-12-18 16:52:50+00:00}. */
    public static String file(Instant t) {
        return t == null ? null : FILE.format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /**
     * Parses either style, with or without an offset (UTC assumed), with or without seconds or a time at all,
     * and with a {@code T} or a space. Returns null for blank input; throws {@link ApiError} for garbage.
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) return null;
        String s = text.trim().replace(' ', 'T');
        if (s.endsWith("Z")) s = s.substring(0, s.length() - 1) + "+00:00";
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset: try a local date-time, then a bare date
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("Invalid timestamp '" + text + "'");
        }
    }
}
