package org.sregistry.globus.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The Globus token file (e.g. {@code <plugin data dir>/tokens.json}) shared by the CLI and the server.
 * <ul>
 *   <li>Mode 0600 from creation on, replaced atomically (see {@link TokenFileIo}).</li>
 *   <li>{@link #read()} re-reads whenever the file's size, modification time or identity (inode) changed, so a
 *       running server sees tokens another process wrote, without restart.</li>
 *   <li>{@link #update} is a read-modify-write under an in-process lock and an OS file lock on
 *       {@code <file>.lock}, so the CLI and the server never lose each other's writes (e.g. a rotated refresh
 *       token).</li>
 * </ul>
 * Token text is never logged. Thread-safe.
 */
public final class TokenStore implements ConnectionTokens {

    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private final ObjectMapper mapper = GlobusJson.mapper();
    /** One lock per file for the whole JVM: OS file locks are per process, and a second channel's lock would throw. */
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock writeLock;
    private volatile Snapshot cached = new Snapshot(null, StoredTokens.empty());

    private record Stamp(long size, long modifiedNanos, Object fileKey) {
    }

    private record Snapshot(Stamp stamp, StoredTokens tokens) {
    }

    /** A store for the given file (created on first write). */
    public TokenStore(Path file) {
        this(file, Clock.systemUTC());
    }

    /** A store with a clock for {@code updated_at}. */
    public TokenStore(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.clock = Objects.requireNonNull(clock);
        this.writeLock = JVM_LOCKS.computeIfAbsent(this.file.normalize(), k -> new ReentrantLock());
    }

    /** The token file's path. */
    public Path file() {
        return file;
    }

    /** True when the file exists. */
    public boolean exists() {
        return Files.exists(file);
    }

    /** The current content; re-read from disk only when the file changed (cheap to call per request). */
    @Override
    public StoredTokens read() {
        Stamp now = stamp();
        Snapshot snap = cached;
        if (Objects.equals(now, snap.stamp())) {
            return snap.tokens();
        }
        Snapshot fresh = load();
        cached = fresh;
        return fresh.tokens();
    }

    /** Replaces the whole content. */
    public void write(StoredTokens tokens) {
        update(old -> tokens);
    }

    @Override
    public Optional<StoredTokens> updateIf(Predicate<StoredTokens> condition, UnaryOperator<StoredTokens> change) {
        writeLock.lock();
        try (FileLock ignored = lockAcrossProcesses()) {
            StoredTokens current = load().tokens(); // empty when the file is gone
            if (!condition.test(current)) {
                return Optional.empty();
            }
            return Optional.of(write0(change.apply(current)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Globus token file " + file, e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes {@code content} (caller holds both locks). */
    private StoredTokens write0(StoredTokens content) throws IOException {
        StoredTokens next = content.stamped(clock.instant());
        TokenFileIo.writeAtomically(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
        cached = new Snapshot(stamp(), next);
        return next;
    }

    /** Deletes the file (logout). Returns true when there was one. */
    @Override
    public boolean delete() {
        writeLock.lock();
        try (FileLock ignored = lockAcrossProcesses()) {
            boolean existed = Files.deleteIfExists(file);
            cached = new Snapshot(null, StoredTokens.empty());
            return existed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete Globus token file " + file, e);
        } finally {
            writeLock.unlock();
        }
    }

    private Snapshot load() {
        Stamp before = stamp();
        if (before == null) {
            return new Snapshot(null, StoredTokens.empty());
        }
        try {
            StoredTokens tokens = mapper.readValue(Files.readAllBytes(file), StoredTokens.class);
            return new Snapshot(before, tokens == null ? StoredTokens.empty() : tokens);
        } catch (NoSuchFileException e) {
            return new Snapshot(null, StoredTokens.empty());
        } catch (IOException e) {
            // Never include the content: it may hold tokens.
            LOG.warn("Globus token file {} is unreadable ({}); treating it as empty", file,
                    e.getClass().getSimpleName());
            return new Snapshot(before, StoredTokens.empty());
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().toInstant().toEpochMilli() * 1_000_000L
                    + a.lastModifiedTime().toInstant().getNano() % 1_000_000, a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    private FileLock lockAcrossProcesses() throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel ch = Files.exists(lockFile)
                ? FileChannel.open(lockFile, StandardOpenOption.WRITE)
                : FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                TokenFileIo.ownerOnly());
        try {
            FileLock lock = ch.lock();
            return new ClosingLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A lock that also closes its channel when released. */
    private static final class ClosingLock extends FileLock {
        private final FileLock inner;

        ClosingLock(FileChannel channel, FileLock inner) {
            super(channel, inner.position(), inner.size(), inner.isShared());
            this.inner = inner;
        }

        @Override
        public boolean isValid() {
            return inner.isValid();
        }

        @Override
        public void release() throws IOException {
            try {
                inner.release();
            } finally {
                channel().close();
            }
        }
    }
}
