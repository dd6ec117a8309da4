package org.sregistry.globussim.transfer;

import org.sregistry.globussim.http.Times;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Renders local files as Transfer {@code file} documents (globus-api.md §3.4). */
public final class FileDocuments {
    private FileDocuments() {}

    /** @param realRoot the endpoint root's real path: symlinks leading out of it are not followed */
    public static Map<String, Object> render(Path file, Path realRoot) throws IOException {
        boolean symlink = Files.isSymbolicLink(file);
        BasicFileAttributes own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes target = own;
        boolean valid = true;
        if (symlink) {
            try {
                if (!file.toRealPath().startsWith(realRoot)) throw new IOException("link leaves the root");
                target = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                valid = false;
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "file");
        d.put("name", file.getFileName().toString());
        d.put("type", !valid ? "invalid_symlink" : target.isDirectory() ? "dir" : target.isRegularFile() ? "file" : "other");
        d.put("size", target.size());
        d.put("last_modified", Times.file(target.lastModifiedTime().toInstant()));
        PosixFileAttributes posix = posix(file);
        d.put("permissions", posix == null ? (target.isDirectory() ? "0755" : "0644") : octal(posix.permissions()));
        d.put("user", posix == null ? null : posix.owner().getName());
        d.put("group", posix == null ? null : posix.group().getName());
        d.put("link_target", symlink ? Files.readSymbolicLink(file).toString() : null);
        d.put("link_size", symlink ? own.size() : null);
        d.put("link_user", symlink && posix != null ? posix.owner().getName() : null);
        d.put("link_group", symlink && posix != null ? posix.group().getName() : null);
        d.put("link_last_modified", symlink ? Times.file(own.lastModifiedTime().toInstant()) : null);
        return d;
    }

    private static PosixFileAttributes posix(Path file) {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= switch (p) {
                case OWNER_READ -> 0400; case OWNER_WRITE -> 0200; case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040; case GROUP_WRITE -> 020; case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04; case OTHERS_WRITE -> 02; case OTHERS_EXECUTE -> 01;
            };
        }
        return String.format("%04o", mode);
    }
}
