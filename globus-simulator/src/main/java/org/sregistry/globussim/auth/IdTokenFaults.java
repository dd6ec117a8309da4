package org.sregistry.globussim.auth;

import org.sregistry.globussim.http.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mutations applied to the next id_tokens the code exchange issues, for relying parties' negative tests. Each entry
 * applies to {@code count} tokens (0 or less = until cleared); the first live entry wins.
 */
public final class IdTokenFaults {
    /** What to break. */
    public enum Mutation {
        /** Signed by the current key, then a signature byte flipped. */
        BAD_SIGNATURE,
        /** {@code aud} is another client. */
        WRONG_AUDIENCE,
        /** {@code iss} is another issuer. */
        WRONG_ISSUER,
        /** {@code nonce} differs from the one of the authorization request. */
        WRONG_NONCE,
        /** {@code exp} ten minutes ago (beyond any usual clock skew). */
        EXPIRED,
        /** Signed by a key whose {@code kid} the JWKS never lists. */
        UNKNOWN_KID;

        public static Mutation parse(String s) {
            if (s == null) throw ApiError.badRequest("'mutation' is required");
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Unknown id_token mutation '" + s + "' (bad_signature, wrong_audience,"
                        + " wrong_issuer, wrong_nonce, expired, unknown_kid)");
            }
        }

        public String wire() { return name().toLowerCase(Locale.ROOT); }
    }

    /** A live entry and how many tokens it still applies to (0 or less = until cleared). */
    public record Entry(Mutation mutation, int remaining) {}

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Mutation m, int count) { entries.add(new Entry(m, count)); }

    public synchronized void clear() { entries.clear(); }

    public synchronized List<Entry> list() { return List.copyOf(entries); }

    /** The mutation for the next id_token (used up when counted), or null. */
    synchronized Mutation take() {
        if (entries.isEmpty()) return null;
        Entry e = entries.get(0);
        if (e.remaining() > 0) {
            if (e.remaining() == 1) entries.remove(0);
            else entries.set(0, new Entry(e.mutation(), e.remaining() - 1));
        }
        return e.mutation();
    }
}
