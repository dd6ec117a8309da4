package org.sregistry.registry.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.sregistry.api.StorageErrors;
import org.sregistry.registry.files.OwnerOnly;
import org.sregistry.registry.store.ImageTooLargeException;
import org.sregistry.registry.store.StagedBlob;

/**
 * The bytes of upload sessions: one file per session under {@code <images>/uploads/}, on the
 * blob store's file system so that finishing is a rename. Chunks are hashed as they arrive; the
 * running SHA-256 is kept in memory, so finishing a 1 GiB upload reads nothing again. When that
 * state is missing (another process took the earlier chunks, or this one restarted) the file is
 * hashed once from the start.
 *
 * <p>Concurrent chunks of one session are serialised; sessions are independent.
 */
final class BlobUploads {
    private static final int BUFFER_BYTES = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Path folder;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    /** The bytes received so far and their running hash. */
    private static final class Progress {
        final MessageDigest sha = sha256();
        long size;
    }

    BlobUploads(Path imagesFolder) {
        this.folder = imagesFolder.resolve("uploads");
        try {
            OwnerOnly.folder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    /** Creates an empty session file; returns its id. */
    String create() throws IOException {
        String id = UUID.randomUUID().toString();
        try {
            Files.createFile(file(id));
        } catch (IOException e) {
            throw StorageErrors.classify(e, folder, -1);
        }
        progress.put(id, new Progress());
        return id;
    }

    /** Bytes received so far (0 when the file is gone). */
    long size(String id) throws IOException {
        Path file = file(id);
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * Appends {@code in} at the end of the session's bytes.
     *
     * @param expectedStart the first byte's offset as the client says (Content-Range), or -1
     * @param exactLength   the chunk's length as the client says (Content-Range), or -1
     * @return the size after the append
     * @throws OciException 416 when {@code expectedStart} is not the current size, or the chunk is
     *         not {@code exactLength} bytes (then none of it is kept)
     */
    long append(String id, long expectedStart, long exactLength, InputStream in, long maxBytes) throws IOException {
        Progress p = progress.computeIfAbsent(id, k -> new Progress());
        synchronized (p) {
            Path file = file(id);
            long size = Files.size(file);
            if (expectedStart >= 0 && expectedStart != size) {
                throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "chunk starts at " + expectedStart
                        + " but " + size + " bytes were received so far: send the chunk that starts at " + size);
            }
            if (p.size != size) {
                rehash(file, p);
            }
            byte[] buffer = new byte[BUFFER_BYTES];
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                int n;
                while ((n = in.readNBytes(buffer, 0, BUFFER_BYTES)) > 0) {
                    if (p.size + n > maxBytes) {
                        out.truncate(size);
                        p.sha.reset();
                        p.size = -1; // rehash on the next chunk
                        throw new ImageTooLargeException(maxBytes);
                    }
                    ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, n);
                    try {
                        while (wrapped.hasRemaining()) {
                            out.write(wrapped);
                        }
                    } catch (IOException e) {
                        p.size = -1;
                        throw StorageErrors.classify(e, folder, n);
                    }
                    p.sha.update(buffer, 0, n);
                    p.size += n;
                    if (exactLength >= 0 && p.size - size > exactLength) {
                        break;
                    }
                }
                if (exactLength >= 0 && p.size - size != exactLength) {
                    long got = p.size - size;
                    out.truncate(size);
                    p.sha.reset();
                    p.size = -1; // rehash on the next chunk
                    throw new OciException(OciError.BLOB_UPLOAD_INVALID, 416, "Content-Range names " + exactLength
                            + " bytes but the chunk " + (got > exactLength ? "is longer" : "has " + got)
                            + ": nothing of it was kept");
                }
            } catch (IOException | RuntimeException e) {
                if (p.size < 0) {
                    p.sha.reset();
                }
                throw e;
            }
            return p.size;
        }
    }

    /** Fsyncs the session's bytes and names them by digest; the file stays where it is until placed. */
    StagedBlob finish(String id) throws IOException {
        Progress p = progress.computeIfAbsent(id, k -> new Progress());
        synchronized (p) {
            Path file = file(id);
            long size = Files.size(file);
            if (p.size != size) {
                rehash(file, p);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String digest = "sha256:" + HEX.formatHex(((MessageDigest) cloneOf(p.sha)).digest());
            return new StagedBlob(file, digest, size);
        }
    }

    /** Forgets a session and deletes its bytes if still there. */
    void delete(String id) throws IOException {
        progress.remove(id);
        Files.deleteIfExists(file(id));
    }

    /** Deletes session files {@code keep} says no to (at start-up: files whose session was never committed). */
    int deleteUnless(Predicate<String> keep) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String id = f.getFileName().toString();
                if (!keep.test(id)) {
                    progress.remove(id);
                    if (Files.deleteIfExists(f)) {
                        deleted++;
                    }
                }
            }
        }
        return deleted;
    }

    /** The session file; ids are UUIDs made here, checked by the caller against the database. */
    Path file(String id) {
        if (!UUID.fromString(id).toString().equals(id)) { // never a path from a client
            throw new IllegalArgumentException("not an upload id: " + id);
        }
        return folder.resolve(id);
    }

    private static void rehash(Path file, Progress p) throws IOException {
        p.sha.reset();
        p.size = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                p.sha.update(buffer, 0, n);
                p.size += n;
            }
        }
    }

    private static Object cloneOf(MessageDigest sha) {
        try {
            return sha.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be cloned in this JVM", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
