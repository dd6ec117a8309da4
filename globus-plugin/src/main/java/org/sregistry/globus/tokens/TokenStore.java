package org.sregistry.globus.tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusJson;
import org.sregistry.globus.client.GlobusScopes;
import org.sregistry.globus.client.ResourceToken;
import org.sregistry.globus.client.TokenProvider;
import org.sregistry.globus.client.TokenSet;
import org.sregistry.globus.client.UserInfo;

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
import java.util.function.Function;
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
public final class TokenStore {

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

    /** Atomically applies {@code change} to the content on disk (fresh read under lock) and returns the result. */
    public StoredTokens update(UnaryOperator<StoredTokens> change) {
        writeLock.lock();
        try (FileLock ignored = lockAcrossProcesses()) {
            return write0(change.apply(load().tokens()));
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

    /**
     * Stores a new login made against {@code roots} (replacing the old login tokens; consent tokens of the same
     * roots kept) and the identity, if known.
     */
    public StoredTokens saveLogin(TokenSet login, UserInfo identity, ServiceRoots roots) {
        return update(s -> s.withLogin(login, identity, roots));
    }

    /**
     * Stores the transfer token of a consent login made against {@code roots} beside the existing tokens, keyed by
     * the scope string that was requested (e.g. {@code transfer:all[*https://auth.globus.org/scopes/ID/data_access]}).
     * The requested string is the key because Globus reports only the base scope on the issued token.
     */
    public StoredTokens saveConsent(String requestedScope, TokenSet consentLogin, ServiceRoots roots) {
        ResourceToken transfer = consentLogin.transfer().orElseThrow(
                () -> new IllegalArgumentException("consent login holds no transfer token"));
        return update(s -> s.withConsent(requestedScope, transfer, roots));
    }

    /** The content if it may be sent to the services at {@code roots}, else nothing (as if not logged in). */
    public StoredTokens readFor(ServiceRoots roots) {
        StoredTokens s = read();
        return s.belongsTo(roots) ? s : StoredTokens.empty();
    }

    /** Deletes the file (logout). Returns true when there was one. */
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

    /**
     * The login tokens for the services at {@code roots} as a {@link TokenProvider} (none when the file belongs to
     * other roots); refreshed tokens are written back to the file.
     */
    public TokenProvider provider(ServiceRoots roots) {
        return new TokenProvider() {
            @Override
            public Optional<ResourceToken> token(String resourceServer) {
                return readFor(roots).token(resourceServer);
            }

            @Override
            public boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed) {
                return replaceIfUnchanged(roots, s -> s.token(used.resourceServer()), used,
                        s -> s.withToken(refreshed));
            }
        };
    }

    /**
     * A provider whose Transfer token is the consent token stored under {@code scopeKey} (other resource servers
     * come from the login); refreshes are written back under the same key. Nothing when the file belongs to other
     * roots than {@code roots}.
     */
    public TokenProvider consentProvider(String scopeKey, ServiceRoots roots) {
        return new TokenProvider() {
            @Override
            public Optional<ResourceToken> token(String resourceServer) {
                StoredTokens s = readFor(roots);
                if (GlobusScopes.TRANSFER_RESOURCE_SERVER.equals(resourceServer)) {
                    return Optional.ofNullable(s.consentTokens().get(scopeKey));
                }
                return s.token(resourceServer);
            }

            @Override
            public boolean tokenRefreshed(ResourceToken used, ResourceToken refreshed) {
                if (GlobusScopes.TRANSFER_RESOURCE_SERVER.equals(used.resourceServer())) {
                    return replaceIfUnchanged(roots, s -> Optional.ofNullable(s.consentTokens().get(scopeKey)), used,
                            s -> s.withConsentToken(scopeKey, refreshed));
                }
                return replaceIfUnchanged(roots, s -> s.token(used.resourceServer()), used,
                        s -> s.withToken(refreshed));
            }
        };
    }

    /**
     * Writes a refresh result back only if the stored token still carries the refresh token that was used
     * (compare-and-set under the lock). A logout (file gone) or a newer login (other refresh token, maybe another
     * identity or service) that happened while the refresh was in flight wins: the result is dropped, so a
     * refresh never resurrects deleted tokens nor overwrites a newer login.
     */
    private boolean replaceIfUnchanged(ServiceRoots roots, Function<StoredTokens, Optional<ResourceToken>> slot,
                                       ResourceToken used, UnaryOperator<StoredTokens> change) {
        writeLock.lock();
        try (FileLock ignored = lockAcrossProcesses()) {
            StoredTokens current = load().tokens(); // empty when the file is gone
            boolean unchanged = current.belongsTo(roots) && slot.apply(current)
                    .map(t -> t.refreshToken() != null && t.refreshToken().equals(used.refreshToken()))
                    .orElse(false);
            if (!unchanged) {
                LOG.info("Globus tokens changed during a {} refresh (logout or new login); its result is dropped",
                        used.resourceServer());
                return false;
            }
            write0(change.apply(current));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Globus token file " + file, e);
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
