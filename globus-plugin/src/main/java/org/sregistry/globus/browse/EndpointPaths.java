package org.sregistry.globus.browse;

import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint paths as the browser and API accept them: absolute ({@code /...}) or home-relative ({@code /~/...},
 * {@code ~/...}), at most {@value #MAX_LENGTH} characters, no control characters and no {@code ..} segment (the
 * endpoint itself confines paths too, but we never ask it to climb). Empty and {@code .} segments are dropped.
 */
public final class EndpointPaths {
    /** Longest accepted path. */
    public static final int MAX_LENGTH = 1024;
    /** Longest accepted file name. */
    public static final int MAX_NAME = 255;

    private EndpointPaths() {
    }

    /** A directory path, normalised and ending in {@code /}; null or blank means null (the default directory). */
    public static String directory(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String normal = normalise(path);
        return normal.endsWith("/") ? normal : normal + "/";
    }

    /** A file path, normalised; it must name a file (not end in {@code /}). */
    public static String file(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path is required");
        }
        String normal = normalise(path);
        if (normal.endsWith("/")) {
            throw new InvalidInputException("path must name a file, not a folder: " + shorten(path));
        }
        return normal;
    }

    /** {@code directory + name}, with {@code name} a single file name. */
    public static String child(String directory, String name) {
        checkName(name);
        String dir = directory.endsWith("/") ? directory : directory + "/";
        return dir + name;
    }

    /** Refuses a name that is not one plain path segment. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("not a plain file name: " + shorten(String.valueOf(name)));
        }
        return name;
    }

    /** The last segment of a path (a file name), without trailing slash. */
    public static String name(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The parent directory of a normalised path, or null at a root ({@code /} or {@code /~/}). */
    public static String parent(String directory) {
        if (directory == null || isRoot(directory)) {
            return null;
        }
        String p = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        return p.substring(0, p.lastIndexOf('/') + 1);
    }

    /** Breadcrumbs from the root to {@code directory}: each with a label and its directory path. */
    public static List<Crumb> breadcrumbs(String directory) {
        List<Crumb> crumbs = new ArrayList<>();
        if (directory == null) {
            return crumbs;
        }
        String root = directory.startsWith("/~/") ? "/~/" : "/";
        crumbs.add(new Crumb(root.equals("/") ? "/" : "~", root));
        String rest = directory.substring(root.length());
        StringBuilder at = new StringBuilder(root);
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                at.append(segment).append('/');
                crumbs.add(new Crumb(segment, at.toString()));
            }
        }
        return crumbs;
    }

    /** One breadcrumb. */
    public record Crumb(String label, String path) {
    }

    private static boolean isRoot(String path) {
        return path.equals("/") || path.equals("/~/");
    }

    private static String normalise(String path) {
        if (path.length() > MAX_LENGTH) {
            throw new InvalidInputException("path is too long (at most " + MAX_LENGTH + " characters)");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException("path contains control characters");
        }
        String p = path.startsWith("~/") ? "/" + path : path;
        if (p.equals("~")) {
            p = "/~/";
        }
        if (!p.startsWith("/")) {
            throw new InvalidInputException("path must start with / or ~/ : " + shorten(path));
        }
        boolean home = p.startsWith("/~/") || p.equals("/~");
        String rest = home ? p.substring(Math.min(p.length(), 3)) : p.substring(1);
        StringBuilder out = new StringBuilder(home ? "/~/" : "/");
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("..")) {
                throw new InvalidInputException("path must not contain '..': " + shorten(path));
            }
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            out.append(s);
            if (i < segments.length - 1) {
                out.append('/');
            }
        }
        String result = out.toString();
        // "a/b/" kept its trailing slash above; "a/./" may leave "a/" which is right
        return result;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
