package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.store.Endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps Globus paths on an endpoint to local files under its root. {@code /}, {@code /~/} and {@code ~/} all
 * mean the root. A path that escapes the root with {@code ..}, or through a symlink, is refused: the simulator
 * never touches a file outside an endpoint's root.
 */
public final class EndpointPaths {
    private EndpointPaths() {}

    /** A resolved path: the local file and the normalized Globus path relative to the root (no leading slash). */
    public record Resolved(Path local, String relative) {}

    public static Resolved resolve(Endpoint e, String globusPath) {
        if (globusPath == null || globusPath.isBlank()) throw ApiError.badRequest("A path is required");
        if (globusPath.indexOf('\0') >= 0) throw ApiError.badRequest("Invalid character in path");
        String p = globusPath;
        if (p.equals("~") || p.equals("/~")) p = "";
        else if (p.startsWith("/~/")) p = p.substring(3);
        else if (p.startsWith("~/")) p = p.substring(2);
        Deque<String> segments = new ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (segments.isEmpty()) throw escape(globusPath);
                segments.removeLast();
            } else {
                segments.addLast(s);
            }
        }
        Path root = Path.of(e.root).toAbsolutePath().normalize();
        Path local = root;
        for (String s : segments) local = local.resolve(s);
        local = local.normalize();
        if (!local.startsWith(root)) throw escape(globusPath);
        checkNoSymlinkEscape(root, local, globusPath);
        return new Resolved(local, String.join("/", segments));
    }

    /** The deepest existing ancestor (the path itself when it exists) must really live under the root. */
    private static void checkNoSymlinkEscape(Path root, Path local, String globusPath) {
        try {
            Path realRoot = root.toRealPath();
            Path existing = local;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
            if (existing == null) return;
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) return; // dangling link: nothing to reach
            if (!existing.toRealPath().startsWith(realRoot)) throw escape(globusPath);
        } catch (IOException ex) {
            // root missing or unreadable: later file operations report it
        }
    }

    private static ApiError escape(String globusPath) {
        return new ApiError(403, "EndpointPermissionDenied",
                "Path '" + globusPath + "' is outside the area this collection allows");
    }

    /** The Globus path with a trailing slash, as {@code ls} echoes a directory. */
    public static String asDirectory(String globusPath) {
        return globusPath.endsWith("/") ? globusPath : globusPath + "/";
    }
}
