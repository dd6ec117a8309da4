package org.sregistry.globus.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sizes and times as the plugin's pages show them. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 1.5 MiB}; a dash when unknown. */
    static String size(Long bytes) {
        if (bytes == null || bytes < 0) {
            return "—";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A UTC time; a dash when unknown. */
    static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** A UTC time; a dash when unknown. */
    static String time(OffsetDateTime at) {
        return at == null ? "—" : TIME.format(at.toInstant());
    }
}
