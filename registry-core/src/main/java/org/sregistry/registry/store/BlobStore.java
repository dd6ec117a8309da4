package org.sregistry.registry.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.api.FolderNotWritableException;
import org.sregistry.api.InsufficientStorageException;
import org.sregistry.api.StorageErrors;
import org.sregistry.registry.files.FolderSync;
import org.sregistry.registry.files.OwnerOnly;

/**
 * Content-addressed files under {@code <images>/sha256/ab/abcdef...}.
 *
 * <p>Adding is two steps so that the caller can make the second one under a database lock:
 * {@link #stage} streams the bytes once into a temp file in {@code <images>/sha256/} (same file
 * system, so the later rename is atomic) while hashing them, then fsyncs it; {@link #place} renames
 * the temp file to its content address (or drops it when that content is already stored) and
 * fsyncs the directory. Temp files carry the writer's process id, so a later start can tell the
 * leftovers of a killed process from the uploads of a live one.
 *
 * <p>A write that fails because the images folder is full or read-only throws
 * {@link InsufficientStorageException} or {@link FolderNotWritableException} naming {@link #folder()}
 * (the host answers 507); a failing read of the source stays what it was (an aborted upload).
 *
 * <p>This class knows nothing of names; deciding when a blob is unreferenced is the caller's job.
 */
public final class BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
    private static final String TEMP_PREFIX = ".tmp-";
    /** Large buffer: fewer system calls; 1 MiB measured well against sha256sum. */
    private static final int BUFFER_BYTES = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Path folder;
    private final Path root;

    /** @param imagesDir {@code <data-dir>/images}; created when missing */
    public BlobStore(Path imagesDir) {
        this.folder = imagesDir.toAbsolutePath();
        this.root = folder.resolve("sha256");
        try {
            OwnerOnly.folder(folder);
            OwnerOnly.folder(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** Where the blob with {@code digest} ({@code sha256:<hex>}) lives (whether or not it exists). */
    public Path path(String digest) {
        String hex = hexOf(digest);
        return root.resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** True when the blob's file exists. */
    public boolean exists(String digest) {
        return Files.isRegularFile(path(digest));
    }

    /**
     * Streams {@code in} into a fsynced temp file, hashing it on the way.
     *
     * @param maxBytes the largest accepted size; {@code Long.MAX_VALUE} for no limit
     * @throws ImageTooLargeException when more than {@code maxBytes} arrive (nothing is kept)
     * @throws InsufficientStorageException when the images folder's file system fills up (the temp
     *         file is removed first, so the free space it names is what is left without it)
     * @throws FolderNotWritableException when the images folder refuses writes (read-only, permissions)
     */
    public StagedBlob stage(InputStream in, long maxBytes) throws IOException {
        Path temp = root.resolve(TEMP_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        MessageDigest sha = sha256();
        long size = 0;
        boolean ok = false;
        try {
            try (FileChannel out = openTemp(temp)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                ByteBuffer wrapped = ByteBuffer.wrap(buffer);
                int n;
                // a failing read is the client's (aborted upload), a failing write or fsync is ours
                while ((n = in.readNBytes(buffer, 0, BUFFER_BYTES)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ImageTooLargeException(maxBytes);
                    }
                    sha.update(buffer, 0, n);
                    wrapped.clear().limit(n);
                    try {
                        while (wrapped.hasRemaining()) {
                            out.write(wrapped);
                        }
                    } catch (IOException e) {
                        throw new WriteFailed(e, StorageErrors.isOutOfSpace(e, root));
                    }
                }
                try {
                    out.force(true); // durable before anyone can see it
                } catch (IOException e) {
                    throw new WriteFailed(e, StorageErrors.isOutOfSpace(e, root));
                }
            }
            ok = true;
        } catch (WriteFailed e) {
            // closed by now: deleting the temp file really frees its space before it is measured
            Files.deleteIfExists(temp);
            throw e.full ? full(e.getCause(), -1) : StorageErrors.classify(e.getCause(), folder, -1);
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
        return new StagedBlob(temp, "sha256:" + HEX.formatHex(sha.digest()), size);
    }

    /** Stages a copy of {@code file} (left in place); refused before copying a byte when it cannot fit. */
    public StagedBlob stage(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new ImageTooLargeException(maxBytes); // fail before copying a byte
        }
        checkRoom(size, 0);
        try (InputStream in = Files.newInputStream(file)) {
            return stage(in, maxBytes);
        }
    }

    /**
     * Refuses a write of {@code bytes} that would leave less than {@code keepFree} usable bytes in
     * the images folder. Nothing is written; when the free space cannot be measured, nothing is refused.
     */
    public void checkRoom(long bytes, long keepFree) throws InsufficientStorageException {
        long free = StorageErrors.usableBytes(root);
        if (free >= 0 && bytes > free - Math.max(0, keepFree)) {
            throw new InsufficientStorageException(folder, free, bytes, keepFree);
        }
    }

    /** The images folder ({@code <data-dir>/images}), the one errors and health checks name. */
    public Path folder() {
        return folder;
    }

    private FileChannel openTemp(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WriteFailed(e, StorageErrors.isOutOfSpace(e, root));
        }
    }

    private InsufficientStorageException full(IOException cause, long needed) {
        InsufficientStorageException full = new InsufficientStorageException(folder, StorageErrors.usableBytes(root), needed);
        full.initCause(cause);
        return full;
    }

    /** A failed write or fsync, told apart from a failed read of the source; {@code full} measured when it failed. */
    private static final class WriteFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean full;

        WriteFailed(IOException cause, boolean full) {
            super(cause);
            this.full = full;
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * Makes a staged blob visible at its content address: renames the temp file (atomic, same
     * folder tree), or deletes it when the content is already stored. Call it while holding the
     * blob's database lock so that a concurrent garbage collection cannot remove the file between
     * this check and the commit.
     *
     * @throws NoSuchFileException when neither the temp file nor the blob exists (the staged bytes were lost)
     */
    public void place(StagedBlob staged) throws IOException {
        Path target = path(staged.digest());
        if (Files.isRegularFile(target)) {
            Files.deleteIfExists(staged.tempFile());
            return;
        }
        if (!Files.exists(staged.tempFile())) {
            throw new NoSuchFileException(staged.tempFile().toString(), null, "staged bytes are gone");
        }
        try {
            OwnerOnly.folder(target.getParent());
            readOnly(staged.tempFile());
            Files.move(staged.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(staged.tempFile());
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the images folder must be on a file system with atomic rename", e);
        } catch (IOException e) {
            throw StorageErrors.classify(e, folder, staged.size()); // e.g. no room for a new shard folder
        }
        FolderSync.sync(target.getParent()); // the rename itself must survive a crash
    }

    /**
     * Stored blobs are read-only for their owner and nobody else's (0400): a blob's bytes must always
     * match its digest, also when it is hard-linked into the Globus staging folder, and other local
     * users have no business reading the images.
     */
    private static void readOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, OwnerOnly.READ_ONLY);
        }
    }

    /**
     * Tightens what an older version stored (blobs 0444 in 0755 folders) to 0400 in 0700 folders.
     *
     * @return how many files and folders were changed
     */
    public int tightenPermissions() throws IOException {
        int changed = 0;
        changed += OwnerOnly.tighten(folder, OwnerOnly.FOLDER) ? 1 : 0;
        changed += OwnerOnly.tighten(root, OwnerOnly.FOLDER) ? 1 : 0;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                changed += OwnerOnly.tighten(shard, OwnerOnly.FOLDER) ? 1 : 0;
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(shard)) {
                    for (Path blob : blobs) {
                        if (Files.isRegularFile(blob, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            changed += OwnerOnly.tighten(blob, OwnerOnly.READ_ONLY) ? 1 : 0;
                        }
                    }
                }
            }
        }
        if (changed > 0) {
            LOG.info("Tightened the permissions of {} stored images and folders under {} (images 0400, folders 0700)",
                    changed, folder);
        }
        return changed;
    }

    /** Deletes a staged blob's temp file if it is still there. */
    public void discard(StagedBlob staged) {
        try {
            Files.deleteIfExists(staged.tempFile());
        } catch (IOException e) {
            LOG.warn("could not delete temp file {}: {}", staged.tempFile(), e.toString());
        }
    }

    /** Deletes the blob's file; true when it existed. */
    public boolean delete(String digest) throws IOException {
        Path file = path(digest);
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            FolderSync.sync(file.getParent());
        }
        return deleted;
    }

    /**
     * Removes temp files left by processes that no longer run (e.g. killed mid-upload). Temp files
     * of live processes, this one included, are left alone.
     *
     * @return how many were removed
     */
    public int removeStrayTempFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
            for (Path temp : dir) {
                if (!writerIsAlive(temp.getFileName().toString())) {
                    Files.deleteIfExists(temp);
                    removed++;
                    LOG.info("removed stray temp file {}", temp);
                }
            }
        }
        return removed;
    }

    /** Digests of every stored blob file. */
    public List<String> storedDigests() throws IOException {
        List<String> digests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            files.filter(p -> p.getNameCount() == root.getNameCount() + 2 && Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.length() == 64 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0))
                    .forEach(hex -> digests.add("sha256:" + hex));
        }
        return digests;
    }

    /** Number of temp files currently present (for tests and health output). */
    public long tempFileCount() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).count();
        }
    }

    private static boolean writerIsAlive(String tempName) {
        String rest = tempName.substring(TEMP_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }


    private static String hexOf(String digest) {
        if (digest == null || !digest.startsWith("sha256:") || digest.length() != 71) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        String hex = digest.substring(7);
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new IllegalArgumentException("not a sha256 digest: " + digest);
            }
        }
        return hex;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
