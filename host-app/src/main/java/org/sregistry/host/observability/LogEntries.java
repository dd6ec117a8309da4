package org.sregistry.host.observability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log tail as entries for {@code /logs}: an entry is a line of the file layout ({@code 2025-01-01T10:00:00.000Z
 * WARN [thread] logger - message}) with the stack trace lines under it. Messages cannot fake an entry: the layout
 * escapes line breaks in them ({@link LogEscapes}).
 */
public final class LogEntries {
    /** The levels, lowest first. */
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final Pattern START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+ +(TRACE|DEBUG|INFO|WARN|ERROR)\\b");

    private LogEntries() {
    }

    /**
     * One entry.
     *
     * @param level its level, or null for lines before the first full entry of the tail
     * @param text  the entry's lines
     */
    public record Entry(String level, String text) {
        /** The level in lower case, for CSS; {@code none} when unknown. */
        public String css() {
            return level == null ? "none" : level.toLowerCase(Locale.ROOT);
        }
    }

    /** The level named by {@code text} (any case), or null for all levels (null, blank or unknown). */
    public static String level(String text) {
        if (text == null) {
            return null;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return LEVELS.contains(upper) ? upper : null;
    }

    /** The entries of {@code tail} at {@code minLevel} or above (null: all), newest first. */
    public static List<Entry> newestFirst(String tail, String minLevel) {
        List<Entry> entries = new ArrayList<>();
        String level = null;
        StringBuilder text = new StringBuilder();
        for (String line : tail.split("\n", -1)) {
            Matcher start = START.matcher(line);
            if (start.find()) {
                add(entries, level, text);
                level = start.group(1);
                text.setLength(0);
            }
            if (!line.isEmpty() || text.length() > 0) {
                text.append(text.length() == 0 ? "" : "\n").append(line);
            }
        }
        add(entries, level, text);
        int floor = minLevel == null ? -1 : LEVELS.indexOf(minLevel);
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (floor < 0 || (e.level() != null && LEVELS.indexOf(e.level()) >= floor)) {
                kept.add(e);
            }
        }
        Collections.reverse(kept);
        return kept;
    }

    private static void add(List<Entry> entries, String level, StringBuilder text) {
        String t = text.toString().stripTrailing();
        if (!t.isEmpty()) {
            entries.add(new Entry(level, t));
        }
    }
}
