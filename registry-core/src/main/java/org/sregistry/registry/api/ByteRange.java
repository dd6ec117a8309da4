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
     * Parses {@code header} against a file of {@code size} bytes.
     *
     * @return empty when the whole file should be sent (no header, or several ranges, which a server may ignore)
     * @throws IllegalArgumentException when the range is malformed or cannot be satisfied (answer 416)
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.trim();
        if (!h.startsWith("bytes=")) {
            throw new IllegalArgumentException("only byte ranges are supported: " + header);
        }
        String spec = h.substring("bytes=".length()).trim();
        if (spec.contains(",")) {
            return Optional.empty(); // multipart ranges: send it all (allowed by RFC 9110)
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("malformed range: " + header);
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    throw new IllegalArgumentException("unsatisfiable range: " + header);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || first >= size || (!b.isEmpty() && Long.parseLong(b) < first)) {
                throw new IllegalArgumentException("unsatisfiable range: " + header);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed range: " + header);
        }
    }
}
