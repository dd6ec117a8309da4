package org.sregistry.api;

/**
 * A page of a listing.
 *
 * @param text   substring to look for in the URI (case-insensitive); empty or null for all
 * @param sort   the order
 * @param limit  at most this many (1..1000)
 * @param offset skip this many
 */
public record ImageQuery(String text, Sort sort, int limit, int offset) {

    /** Listing orders. */
    public enum Sort { NAME, NEWEST, OLDEST, SIZE }

    public ImageQuery {
        text = text == null ? "" : text.trim();
        sort = sort == null ? Sort.NEWEST : sort;
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Everything (first 1000), newest first. */
    public static ImageQuery all() {
        return new ImageQuery("", Sort.NEWEST, 1000, 0);
    }
}
