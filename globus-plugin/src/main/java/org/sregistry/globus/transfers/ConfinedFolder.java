package org.sregistry.globus.transfers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * A folder whose files the registry reads and deletes without ever following a symbolic link: the staging folder
 * (which others can write into through Globus, or on the machine) and the quarantine folder.
 *
 * <p>Every call walks from the folder's real path ({@code toRealPath()}) down to the file one name at a time,
 * through directory handles opened with {@link LinkOption#NOFOLLOW_LINKS} ({@code openat(O_NOFOLLOW)} where the
 * platform has a {@link SecureDirectoryStream}, as Linux does). So a staged file replaced by a link to, say,
 * {@code initial-admin-password}, or a sub-folder that is a link to a folder elsewhere, is <em>refused</em> —
 * checked again at the moment of every read and every delete, not once beforehand: swapping a link in between the
 * check and the read makes the read fail instead of following it. A delete removes the entry itself (a link, never
 * what it points to) and never goes through a linked folder.
 */
public final class ConfinedFolder {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** What a look at a file found. */
    public sealed interface Look permits Regular, Missing, Refused {
    }

    /** A regular file of {@code size} bytes, reached without a link. */
    public record Regular(long size) implements Look {
    }

    /** Nothing there (or the folder itself is missing). */
    public record Missing() implements Look {
    }

    /** Something the registry must not read: a link, a link on the way, not a regular file, outside the folder. */
    public record Refused(String why) implements Look {
    }

    /** A read, rename or delete refused for {@link Refused#why()}. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        public RefusedException(String why) {
            super(why);
        }
    }

    private final Path root;

    /** @param root the folder (as configured: it may itself be a link, which is resolved once per call) */
    public ConfinedFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder as configured. */
    public Path root() {
        return root;
    }

    /** True when {@code file} names something strictly inside the folder (by name; nothing is read). */
    public boolean contains(Path file) {
        Path p = file.toAbsolutePath().normalize();
        return p.startsWith(root) && !p.equals(root);
    }

    /** What is at {@code file}, without following a link. */
    public Look look(Path file) {
        try {
            return walk(file, (dir, name) -> {
                BasicFileAttributes a = dir.attributes(name);
                if (a.isSymbolicLink()) {
                    return new Refused(describe(file) + " is a symbolic link");
                }
                if (!a.isRegularFile()) {
                    return new Refused(describe(file) + " is not a regular file");
                }
                return new Regular(a.size());
            });
        } catch (RefusedException e) {
            return new Refused(e.getMessage());
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Refused(describe(file) + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Opens {@code file} for reading, refusing a link at the file or anywhere on the way.
     *
     * @throws RefusedException a link, not a regular file, or outside the folder
     * @throws NoSuchFileException nothing there
     */
    public InputStream open(Path file) throws IOException {
        return walk(file, (dir, name) -> {
            BasicFileAttributes a = dir.attributes(name);
            if (a.isSymbolicLink()) {
                throw new RefusedException(describe(file) + " is a symbolic link");
            }
            if (!a.isRegularFile()) {
                throw new RefusedException(describe(file) + " is not a regular file");
            }
            return dir.open(name); // O_NOFOLLOW: a link swapped in since the check makes this fail
        });
    }

    /**
     * Deletes the entry at {@code file} (a link itself, never its target), never through a linked folder.
     *
     * @return true when something was deleted, false when nothing was there
     * @throws RefusedException a link on the way, or outside the folder
     */
    public boolean delete(Path file) throws IOException {
        try {
            return walk(file, (dir, name) -> {
                dir.delete(name);
                return true;
            });
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Deletes the folder at {@code folder} if it is empty (a per-transfer folder whose files are all settled), never
     * through a link; a folder that still holds something is kept.
     *
     * @return true when deleted; false when missing or not empty
     * @throws RefusedException a link at it or on the way, not a folder, or outside this folder
     */
    public boolean deleteEmptyFolder(Path folder) throws IOException {
        try {
            return walk(folder, (dir, name) -> {
                BasicFileAttributes a = dir.attributes(name);
                if (a.isSymbolicLink() || !a.isDirectory()) {
                    throw new RefusedException(describe(folder) + " is not a folder");
                }
                try {
                    dir.deleteDirectory(name);
                    return true;
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    return false;
                }
            });
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Renames {@code file} to {@code target} (a path outside this folder, in a folder the registry owns) in one
     * atomic step, refusing a link at the file or on the way; the entry itself is moved, never a link's target.
     *
     * @return true when renamed; false when {@code target} is on another file system (copy {@link #open} instead)
     * @throws RefusedException a link, not a regular file, or outside the folder
     * @throws NoSuchFileException nothing there
     */
    public boolean renameTo(Path file, Path target) throws IOException {
        Path targetDir = target.toAbsolutePath().normalize().getParent();
        return walk(file, (dir, name) -> {
            BasicFileAttributes a = dir.attributes(name);
            if (a.isSymbolicLink()) {
                throw new RefusedException(describe(file) + " is a symbolic link");
            }
            if (!a.isRegularFile()) {
                throw new RefusedException(describe(file) + " is not a regular file");
            }
            try {
                dir.rename(name, targetDir, target.getFileName());
                return true;
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                return false;
            }
        });
    }

    /** One step at the end of the walk: the folder holding the file, and the file's name in it. */
    private interface Leaf<T> {
        T at(Dir dir, Path name) throws IOException;
    }

    private <T> T walk(Path file, Leaf<T> leaf) throws IOException {
        Path real = root.toRealPath(); // NoSuchFileException: the folder is missing, and so is the file
        Path relative = relative(file, real);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(real)) {
            if (top instanceof SecureDirectoryStream<Path> secure) {
                return walkSecure(file, secure, relative, leaf);
            }
        }
        return walkByPath(file, real, relative, leaf);
    }

    private <T> T walkSecure(Path file, SecureDirectoryStream<Path> top, Path relative, Leaf<T> leaf)
            throws IOException {
        SecureDirectoryStream<Path> dir = top;
        java.util.List<SecureDirectoryStream<Path>> opened = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                Path name = relative.getName(i);
                BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW)
                        .readAttributes();
                if (a.isSymbolicLink()) {
                    throw new RefusedException(describe(file) + " is behind a symbolic link (" + name + ")");
                }
                if (!a.isDirectory()) {
                    throw new NoSuchFileException(file.toString());
                }
                try {
                    dir = dir.newDirectoryStream(name, NO_FOLLOW);
                } catch (NotDirectoryException e) {
                    throw new NoSuchFileException(file.toString());
                } catch (FileSystemException e) {
                    // ELOOP: the folder was replaced by a link since it was looked at
                    throw new RefusedException(describe(file) + " is behind a symbolic link (" + name + ")");
                }
                opened.add(dir);
            }
            SecureDirectoryStream<Path> holder = dir;
            return leaf.at(new Dir() {
                @Override
                public BasicFileAttributes attributes(Path name) throws IOException {
                    return holder.getFileAttributeView(name, BasicFileAttributeView.class, NO_FOLLOW).readAttributes();
                }

                @Override
                public InputStream open(Path name) throws IOException {
                    try {
                        return Channels.newInputStream(holder.newByteChannel(name,
                                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
                    } catch (NoSuchFileException e) {
                        throw e;
                    } catch (FileSystemException e) {
                        throw new RefusedException(describe(file) + " became a symbolic link while it was opened");
                    }
                }

                @Override
                public void delete(Path name) throws IOException {
                    holder.deleteFile(name);
                }

                @Override
                public void deleteDirectory(Path name) throws IOException {
                    holder.deleteDirectory(name);
                }

                @Override
                public void rename(Path name, Path targetDir, Path targetName) throws IOException {
                    try (DirectoryStream<Path> target = Files.newDirectoryStream(targetDir)) {
                        if (target instanceof SecureDirectoryStream<Path> secureTarget) {
                            holder.move(name, secureTarget, targetName); // renameat: no path is resolved again
                            return;
                        }
                    }
                    throw new java.nio.file.AtomicMoveNotSupportedException(name.toString(), targetName.toString(),
                            "no secure rename");
                }
            }, relative.getFileName());
        } finally {
            for (SecureDirectoryStream<Path> d : opened) {
                d.close();
            }
        }
    }

    /** Platforms without {@link SecureDirectoryStream}: the same checks by path, with a smaller race window. */
    private <T> T walkByPath(Path file, Path real, Path relative, Leaf<T> leaf) throws IOException {
        Path here = real;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            here = here.resolve(relative.getName(i));
            BasicFileAttributes a = Files.readAttributes(here, BasicFileAttributes.class, NO_FOLLOW);
            if (a.isSymbolicLink()) {
                throw new RefusedException(describe(file) + " is behind a symbolic link (" + relative.getName(i) + ")");
            }
            if (!a.isDirectory()) {
                throw new NoSuchFileException(file.toString());
            }
        }
        Path folder = here;
        if (!folder.toRealPath().startsWith(real)) {
            throw new RefusedException(describe(file) + " is outside " + root);
        }
        return leaf.at(new Dir() {
            @Override
            public BasicFileAttributes attributes(Path name) throws IOException {
                return Files.readAttributes(folder.resolve(name), BasicFileAttributes.class, NO_FOLLOW);
            }

            @Override
            public InputStream open(Path name) throws IOException {
                return Channels.newInputStream(Files.newByteChannel(folder.resolve(name),
                        Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
            }

            @Override
            public void delete(Path name) throws IOException {
                Files.delete(folder.resolve(name)); // removes a link itself, never its target
            }

            @Override
            public void deleteDirectory(Path name) throws IOException {
                Files.delete(folder.resolve(name)); // an empty folder only
            }

            @Override
            public void rename(Path name, Path targetDir, Path targetName) throws IOException {
                Files.move(folder.resolve(name), targetDir.resolve(targetName),
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE); // moves a link itself, never its target
            }
        }, relative.getFileName());
    }

    /** The file relative to the folder; a file outside it is refused. */
    private Path relative(Path file, Path real) throws RefusedException {
        Path p = file.toAbsolutePath().normalize();
        Path relative = p.startsWith(root) ? root.relativize(p) : p.startsWith(real) ? real.relativize(p) : null;
        if (relative == null || relative.toString().isEmpty() || relative.startsWith("..")) {
            throw new RefusedException(describe(file) + " is outside " + root);
        }
        return relative;
    }

    private static String describe(Path file) {
        return "the file " + file.getFileName();
    }

    /** The folder the file is in, reached without a link. */
    private interface Dir {
        BasicFileAttributes attributes(Path name) throws IOException;

        InputStream open(Path name) throws IOException;

        void delete(Path name) throws IOException;

        void deleteDirectory(Path name) throws IOException;

        /** Renames the entry into {@code targetDir} (atomic; AtomicMoveNotSupportedException across file systems). */
        void rename(Path name, Path targetDir, Path targetName) throws IOException;
    }
}
