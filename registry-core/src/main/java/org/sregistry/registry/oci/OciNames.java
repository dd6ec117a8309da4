package org.sregistry.registry.oci;

import java.util.regex.Pattern;

/**
 * The distribution spec's grammar for repository names, tags and digests. Only sha256 digests are
 * stored (the content-addressed store is sha256); a well-formed digest of another algorithm is
 * refused as unsupported, a malformed one as invalid.
 */
public final class OciNames {
    /** Longest repository name; clients cap host + "/" + name at 255. */
    public static final int MAX_NAME_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private OciNames() {
    }

    /** Checks a repository name. */
    public static String repository(String name) {
        if (!isRepository(name)) {
            throw new OciException(OciError.NAME_INVALID, "invalid repository name '" + clip(name)
                    + "': lower-case letters and digits, separated by '.', '_', '__', '-' or '/', at most "
                    + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** True when {@code name} is a repository name this API serves. */
    public static boolean isRepository(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    /** True when {@code tag} is a tag this API serves. */
    public static boolean isTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /** True when {@code ref} has the form of a digest (then it is never a tag: tags have no ':'). */
    public static boolean looksLikeDigest(String ref) {
        return ref.indexOf(':') >= 0;
    }

    /** Checks a tag. */
    public static String tag(String tag) {
        if (!isTag(tag)) {
            throw new OciException(OciError.MANIFEST_INVALID, "invalid tag '" + clip(tag)
                    + "': letters, digits, '_', '.' and '-', starting with a letter, digit or '_', at most 128");
        }
        return tag;
    }

    /** Checks a digest; only {@code sha256:<64 lower-case hex>} is supported. */
    public static String digest(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new OciException(OciError.DIGEST_INVALID, "invalid digest '" + clip(digest)
                    + "': expected sha256:<64 hex digits>");
        }
        if (!SHA256.matcher(digest).matches()) {
            throw new OciException(OciError.DIGEST_INVALID, digest.startsWith("sha256:")
                    ? "invalid sha256 digest '" + clip(digest) + "': 64 lower-case hex digits expected"
                    : "unsupported digest algorithm in '" + clip(digest) + "': this registry stores sha256 only");
        }
        return digest;
    }

    /** {@code s} cut to 100 characters, for quoting client input in messages. */
    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
