package org.sregistry.host.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in configuration values: plain bytes ({@code 1073741824}) or a whole number with a binary
 * unit, {@code KiB MiB GiB TiB} (or short {@code K M G T}, as in {@code -Xmx512M}), case-insensitive,
 * an optional space between. {@code KB}, {@code MB}, {@code GB} are refused: whether they mean 1000
 * or 1024 is a guess, and a guess about disk space is off by 7% at {@code GB}.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");
    private static final String EXPECTED = "expected a number of bytes, optionally with a unit KiB, MiB, GiB or TiB"
            + " (e.g. 1073741824, 512MiB, 1GiB)";

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} says.
     *
     * @throws IllegalArgumentException when it is not a size (the message says what is expected)
     */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(EXPECTED);
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        int shift = switch (m.group(2)) {
            case "", "b" -> 0;
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            case "t", "tib" -> 40;
            case "kb", "mb", "gb", "tb" -> throw new IllegalArgumentException(EXPECTED + "; '" + m.group(2)
                    + "' is ambiguous (1000 or 1024?), write "
                    + m.group(2).substring(0, 1).toUpperCase(Locale.ROOT) + "iB or bytes");
            default -> throw new IllegalArgumentException(EXPECTED + "; unknown unit '" + m.group(2) + "'");
        };
        try {
            long number = Long.parseLong(m.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is too large");
        }
    }

    /** A validator for {@link org.sregistry.api.ConfigOption}: empty when {@code text} is a size. */
    public static Optional<String> check(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
