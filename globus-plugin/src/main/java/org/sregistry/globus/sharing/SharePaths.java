package org.sregistry.globus.sharing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one path form of a share: {@code /t/<sid>/} on the registry's guest collection, {@code sid} a UUID in its
 * canonical lower-case form (the transfer's submission id), with a leading and a trailing {@code /} as in every
 * Globus example. Nothing else is ever built into a rule path, and only rules of exactly this form are the
 * registry's to reap.
 */
public final class SharePaths {

    /** The folder under the collection root that holds the per-transfer folders. */
    public static final String ROOT = "/t/";

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHARE = Pattern.compile("/t/(" + UUID.pattern() + ")/");

    private SharePaths() {
    }

    /** {@code /t/<sid>/}; refuses anything but a UUID (upper-case hex is folded to lower case). */
    public static String of(String sid) {
        String s = sid == null ? "" : sid.trim().toLowerCase(Locale.ROOT);
        if (!UUID.matcher(s).matches()) {
            throw new IllegalArgumentException("a share's id must be a UUID, not '" + sid + "'");
        }
        return ROOT + s + "/";
    }

    /** The sid of a path of exactly the share form, else empty. */
    public static Optional<String> sidOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        var m = SHARE.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether {@code path} is exactly of the share form. */
    public static boolean isSharePath(String path) {
        return sidOf(path).isPresent();
    }

    /** {@code path} itself when it is of the share form; otherwise IllegalArgumentException. */
    static String require(String path) {
        if (!isSharePath(path)) {
            throw new IllegalArgumentException("a share's path must be /t/<uuid>/, not '" + path + "'");
        }
        return path;
    }
}
