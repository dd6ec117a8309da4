package org.sregistry.registry.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Permissions for the data dir: folders 0700, files 0600, stored images 0400. Other local users
 * of an HPC login node have no business reading images, logs or tokens; the owner (the registry
 * and its admin) keeps everything. Folders are created with these modes (never briefly wider), and
 * existing ones are tightened when found wider. Symbolic links are never followed or changed. On a
 * file system without POSIX permissions, nothing is done.
 */
public final class OwnerOnly {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** {@code r--------}: a stored image never changes. */
    public static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    private OwnerOnly() {
    }

    /** Creates {@code dir} and missing parents as 0700 folders, or tightens it when it exists. */
    public static Path folder(Path dir) throws IOException {
        if (!posix()) {
            return Files.createDirectories(dir);
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (tighten(dir, FOLDER)) {
                LOG.info("Tightened the permissions of {} to {} (owner only)", dir, PosixFilePermissions.toString(FOLDER));
            }
            return dir;
        }
        // created one level at a time: createDirectories' attribute would also apply to parents it makes
        Path absolute = dir.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // a racing creator, or a symbolic link to a folder: left as it is
        }
        Files.setPosixFilePermissions(absolute, FOLDER); // the umask may have taken bits we want
        return dir;
    }

    /**
     * Creates {@code file} empty as 0600 (never briefly wider), or tightens it to 0600 when it exists. For files
     * another program fills in, e.g. SQLite's database, whose -wal and -shm files take the database file's mode.
     */
    public static Path file(Path file) throws IOException {
        if (!posix()) {
            return file;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            tighten(file, FILE); // there already (or a racing creator made it)
        }
        return file;
    }

    /** Sets {@code path}'s mode to {@code wanted} unless it is already (a link is left alone); true when changed. */
    public static boolean tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!posix() || Files.isSymbolicLink(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (now.equals(wanted)) {
            return false;
        }
        Files.setPosixFilePermissions(path, wanted);
        return true;
    }

    /** True when the default file system has POSIX permissions. */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
