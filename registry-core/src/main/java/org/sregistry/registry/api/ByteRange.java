package org.sregistry.registry.api;

import java.util.Optional;

/**
 * One byte range of a file, parsed from a {@code Range} header (RFC 9110): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    /** Bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for a file of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Parses {@code header} against a file of {@code size} bytes. Following RFC 9110, a header the
     * server does not understand (another unit, bad syntax, {@code last < first}) is ignored rather
     * than refused; only a valid range that lies wholly past the end is unsatisfiable.
     *
     * @return empty when the whole file should be sent (no header, an ignored header, or several
     *         ranges, which a server may also ignore)
     * @throws IllegalArgumentException when the range cannot be satisfied (answer 416)
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return Optional.empty(); // no or unknown unit (e.g. items=0-1): ignore
        }
        String spec = h.substring(eq + 1).trim();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return Optional.empty(); // several ranges (allowed to send it all) or malformed
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (a.isEmpty()) { // bytes=-n: the last n bytes
            long suffix = digits(b);
            if (suffix < 0) {
                return Optional.empty();
            }
            if (suffix == 0 || size == 0) {
                throw new IllegalArgumentException("unsatisfiable range: " + header);
            }
            return Optional.of(new ByteRange(size - Math.min(suffix, size), size - 1));
        }
        long first = digits(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
        if (first < 0 || last < 0 || last < first) {
            return Optional.empty(); // invalid byte-range-spec: ignore
        }
        if (first >= size) {
            throw new IllegalArgumentException("unsatisfiable range: " + header);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /**
     * The value of a non-empty run of ASCII digits; {@code Long.MAX_VALUE} when it overflows (a
     * position past any file, so "to the end"); -1 when it is not such a run (signs included).
     */
    private static long digits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
