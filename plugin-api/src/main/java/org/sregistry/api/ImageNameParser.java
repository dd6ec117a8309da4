package org.sregistry.api;

import java.util.Locale;

/**
 * Parses and checks image names in the sregistry convention {@code collection/name:tag@version}.
 *
 * <p>The rules, chosen to stay close to sregistry (which stores every part in lower case) and to
 * be safe as path segments and URL parts:
 * <ul>
 *   <li>collection, name and tag use lower-case ASCII letters, digits, {@code .}, {@code _} and
 *       {@code -}; each part starts and ends with a letter or digit and never contains {@code ..}.
 *       The tag follows the same rule (lower case too): one rule for all parts is easier to learn,
 *       and upper case is <em>rejected, not lowered</em>, so that people learn the rule instead of
 *       being surprised by a silently different name.</li>
 *   <li>at most one {@code /} (between collection and name), one {@code :} (before the tag) and
 *       one {@code @} (before the version); missing parts take the defaults
 *       {@value ImageName#DEFAULT_COLLECTION} and {@value ImageName#DEFAULT_TAG}.</li>
 *   <li>version: {@code sha256:} followed by 64 lower-case hex digits.</li>
 *   <li>lengths: collection, name and tag at most {@value #MAX_PART_LENGTH} characters each; the
 *       whole text at most {@value #MAX_LENGTH}.</li>
 * </ul>
 *
 * <p>{@link #fromFileName} derives a valid name from a file name (for images pulled as files).
 */
public final class ImageNameParser {

    /** Longest collection, name or tag. */
    public static final int MAX_PART_LENGTH = 128;
    /** Longest whole name text. */
    public static final int MAX_LENGTH = 512;

    private static final String RULE = "use lower-case letters, digits, '.', '_' and '-'";
    private static final String VERSION_PREFIX = "sha256:";
    private static final int DIGEST_HEX_LENGTH = 64;

    private ImageNameParser() {
    }

    /**
     * Parses {@code text}; missing collection and tag take their defaults.
     *
     * @throws InvalidImageNameException with a message naming the problem
     */
    public static ImageName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidImageNameException("image name is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidImageNameException("image name is too long (" + text.length()
                    + " characters, at most " + MAX_LENGTH + ")");
        }
        checkCharacters(text);

        String rest = text;
        String version = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkVersion(version);
        }
        String tag = ImageName.DEFAULT_TAG;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (tag.indexOf(':') >= 0) {
                throw new InvalidImageNameException("image name has more than one ':' (only one, before the tag)");
            }
            if (tag.indexOf('/') >= 0) {
                throw new InvalidImageNameException("tag '" + tag + "' must not contain '/'");
            }
            checkPart("tag", tag);
        }
        String collection = ImageName.DEFAULT_COLLECTION;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (rest.indexOf('/', slash + 1) >= 0) {
                throw new InvalidImageNameException("image name has more than one '/' "
                        + "(only one, between collection and name)");
            }
            collection = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            checkPart("collection", collection);
        }
        checkPart("name", rest);
        return new ImageName(collection, rest, tag, version);
    }

    /** True when {@code text} parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidImageNameException e) {
            return false;
        }
    }

    /** True when {@code collection} is a valid collection part (the {@code lab} of {@code lab/tool:1}). */
    public static boolean isCollection(String collection) {
        if (collection == null) {
            return false;
        }
        try {
            checkCharacters(collection);
            checkPart("collection", collection);
            return true;
        } catch (InvalidImageNameException e) {
            return false;
        }
    }

    /** Checks that {@code version} is {@code sha256:<64 lower-case hex>}. */
    public static void checkVersion(String version) {
        if (version == null || !version.startsWith(VERSION_PREFIX)) {
            throw new InvalidImageNameException("version '" + version + "' must be 'sha256:' followed by 64 hex digits");
        }
        String hex = version.substring(VERSION_PREFIX.length());
        if (hex.length() != DIGEST_HEX_LENGTH) {
            throw new InvalidImageNameException("version must have 64 hex digits after 'sha256:', got " + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new InvalidImageNameException("version has '" + c + "' where a lower-case hex digit (0-9, a-f) belongs");
            }
        }
    }

    /** Rejects non-ASCII, control, blank and upper-case characters before the structure is looked at. */
    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7e || c < 0x21) {
                throw new InvalidImageNameException("image name contains a character that is not allowed ("
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + " at position " + (i + 1) + "); " + RULE);
            }
            if (c >= 'A' && c <= 'Z') {
                throw new InvalidImageNameException("image name contains upper-case '" + c
                        + "'; names are lower case (" + RULE + ")");
            }
        }
    }

    private static void checkPart(String what, String part) {
        if (part.isEmpty()) {
            throw new InvalidImageNameException(what + " is empty");
        }
        if (part.length() > MAX_PART_LENGTH) {
            throw new InvalidImageNameException(what + " is too long (" + part.length()
                    + " characters, at most " + MAX_PART_LENGTH + ")");
        }
        if (part.contains("..")) {
            throw new InvalidImageNameException(what + " '" + part + "' must not contain '..'");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-') {
                throw new InvalidImageNameException(what + " '" + part + "' contains '" + c + "'; " + RULE);
            }
        }
        if (!isAlnum(part.charAt(0)) || !isAlnum(part.charAt(part.length() - 1))) {
            throw new InvalidImageNameException(what + " '" + part
                    + "' must start and end with a lower-case letter or digit");
        }
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /**
     * Derives a name from a file name, in the default collection. See {@link #fromFileName(String, String)}.
     */
    public static ImageName fromFileName(String fileName) {
        return fromFileName(fileName, ImageName.DEFAULT_COLLECTION);
    }

    /**
     * Derives a valid name from a file name such as one written by {@code singularity pull}:
     * {@code lolcow_latest.sif} gives {@code collection/lolcow:latest} (the last {@code _} separates
     * name and tag, as {@code singularity pull} writes them), {@code ubuntu-22.04.simg} gives
     * {@code collection/ubuntu-22.04:latest}. Any directory part and a {@code .sif}, {@code .simg},
     * {@code .img} or {@code .sqsh} extension are dropped; the rest is lowered and every character
     * outside the allowed set becomes {@code -}. Never fails: an empty result becomes {@code image}.
     *
     * @param collection the collection to use (sanitised the same way); null or blank for the default
     */
    public static ImageName fromFileName(String fileName, String collection) {
        String base = fileName == null ? "" : fileName;
        int sep = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(sep + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".sif", ".simg", ".img", ".sqsh"}) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                base = base.substring(0, base.length() - ext.length());
                break;
            }
        }
        String name = base;
        String tag = ImageName.DEFAULT_TAG;
        int split = Math.max(base.lastIndexOf(':'), base.lastIndexOf('_'));
        if (split > 0 && split < base.length() - 1) {
            name = base.substring(0, split);
            tag = base.substring(split + 1);
        }
        String coll = collection == null || collection.isBlank() ? ImageName.DEFAULT_COLLECTION : collection;
        return new ImageName(sanitise(coll, ImageName.DEFAULT_COLLECTION), sanitise(name, "image"),
                sanitise(tag, ImageName.DEFAULT_TAG), null);
    }

    /** Lowers, replaces forbidden characters by '-', collapses separator runs, trims separators, cuts to length. */
    static String sanitise(String text, String fallback) {
        StringBuilder out = new StringBuilder(text.length());
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c > 0x7e) {
                c = '-';
            }
            boolean separator = !isAlnum(c);
            if (separator && c != '.' && c != '_') {
                c = '-';
            }
            if (separator && previous != 0 && !isAlnum(previous)) {
                continue; // collapse runs like "--", "..", "._"
            }
            if (separator && out.length() == 0) {
                continue; // no leading separator
            }
            out.append(c);
            previous = c;
        }
        if (out.length() > MAX_PART_LENGTH) {
            out.setLength(MAX_PART_LENGTH);
        }
        while (out.length() > 0 && !isAlnum(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? fallback : out.toString();
    }
}
