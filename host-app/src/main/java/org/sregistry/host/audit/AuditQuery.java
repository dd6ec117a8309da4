package org.sregistry.host.audit;

import java.time.Instant;
import java.util.List;

/**
 * Which events to read, newest first.
 *
 * @param actor        exactly this actor, or null for all
 * @param actionPrefix actions starting with this ({@code image.} or {@code image.push}), or null for all
 * @param since        at or after, or null
 * @param until        before, or null
 * @param limit        at most this many (1 to {@link #MAX_LIMIT})
 * @param before       the cursor of the previous page's {@link Page#next()}: only older events, or null
 */
public record AuditQuery(String actor, String actionPrefix, Instant since, Instant until, int limit, String before) {
    /** The most events one page holds. */
    public static final int MAX_LIMIT = 500;
    /** The page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null) {
            Cursor.parse(before);
        }
        actor = blankToNull(actor);
        actionPrefix = blankToNull(actionPrefix);
    }

    /** All events, newest first, {@link #DEFAULT_LIMIT} at a time. */
    public static AuditQuery latest() {
        return new AuditQuery(null, null, null, null, DEFAULT_LIMIT, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * A page of events.
     *
     * @param next the cursor to pass as {@link AuditQuery#before()} for the next (older) page, or null at the end
     */
    public record Page(List<AuditEvent> events, String next) {
    }

    /** Where a page ended: {@code <at millis>_<id>}. */
    record Cursor(long at, String id) {
        static Cursor parse(String text) {
            int sep = text.indexOf('_');
            try {
                if (sep <= 0 || sep == text.length() - 1) {
                    throw new NumberFormatException();
                }
                return new Cursor(Long.parseLong(text.substring(0, sep)), text.substring(sep + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("before must be the next value of an earlier answer");
            }
        }

        static String of(AuditEvent event) {
            return event.at().toEpochMilli() + "_" + event.id();
        }
    }
}
