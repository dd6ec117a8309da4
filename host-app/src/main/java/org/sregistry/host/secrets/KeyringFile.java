package org.sregistry.host.secrets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.sregistry.host.auth.SecureFiles;
import org.sregistry.registry.files.OwnerOnly;

/**
 * {@code <data-dir>/secrets/keyring.json}: {@code {"current":"k2","keys":[{"id":"k1","key":"<base64url 32 bytes>",
 * "created_at":"…"},…]}}, 0600 in a 0700 folder, replaced atomically ({@link SecureFiles}). It is read again when its
 * size, time or inode changes, so a CLI rotation reaches a running server; every change is a read-modify-write under
 * this object's monitor and an OS lock on {@code keyring.json.lock}. A keyring readable by group or others is
 * refused at each read.
 */
final class KeyringFile {
    /** One lock per keyring file within this JVM. */
    private static final java.util.Map<Path, Object> JVM_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private Loaded loaded;

    KeyringFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    synchronized boolean exists() {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The keyring, read again when the file changed. */
    synchronized Ring read() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Stamp stamp = new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
            if (loaded == null || !loaded.stamp().equals(stamp)) {
                loaded = new Loaded(stamp, parse());
            }
            return loaded.ring();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the keyring " + file + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keyring " + file, e);
        }
    }

    /**
     * Applies {@code edit} to the keyring on disk (to {@code fresh} when there is none yet) and writes the result
     * when it differs; answers the keyring as it is afterwards.
     */
    synchronized Ring change(Ring fresh, UnaryOperator<Ring> edit) {
        // two Keyrings of one data dir in one JVM (the server and an in-process command) take turns here first:
        // the OS lock is per process and throws when this process asks for it twice (as ConfigFile does)
        synchronized (JVM_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            try {
                OwnerOnly.folder(file.getParent());
                try (FileChannel channel = FileChannel.open(OwnerOnly.file(file.resolveSibling("keyring.json.lock")),
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    Ring before = exists() ? read() : null;
                    Ring after = edit.apply(before == null ? fresh : before);
                    if (!after.equals(before)) {
                        SecureFiles.writeString(file, JSON.writeValueAsString(after));
                    }
                    return read();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the keyring " + file, e);
            }
        }
    }

    private Ring parse() throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("the keyring " + file + " is not a regular file");
        }
        if (OwnerOnly.posix()) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OwnerOnly.FILE.containsAll(mode)) {
                throw new IllegalStateException("the keyring " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(mode) + "); make it the owner's only: chmod 600 " + file);
            }
        }
        Ring ring;
        try {
            ring = JSON.readValue(file.toFile(), Ring.class);
        } catch (IOException e) {
            throw new IllegalStateException("the keyring " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (ring.current() == null || ring.key(ring.current()).isEmpty()) {
            throw new IllegalStateException("the keyring " + file + " names no current key that it holds");
        }
        return ring;
    }

    /** The file's content: the current key's id and every key that still opens values. */
    record Ring(String current, List<Key> keys) {
        Ring {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        Optional<Key> key(String id) {
            return keys.stream().filter(k -> k.id().equals(id)).findFirst();
        }

        List<String> ids() {
            return keys.stream().map(Key::id).toList();
        }

        String nextId() {
            int max = keys.stream().map(Key::id).filter(id -> id.matches("k[0-9]{1,9}"))
                    .mapToInt(id -> Integer.parseInt(id.substring(1))).max().orElse(0);
            return "k" + (max + 1);
        }

        Ring withNewKey(Key key) {
            List<Key> all = new ArrayList<>(keys);
            all.add(key);
            return new Ring(key.id(), all);
        }
    }

    /** One key: {@code key} is 32 bytes, base64url. */
    record Key(String id, String key, @JsonProperty("created_at") String createdAt) {
        @Override
        public String toString() {
            return "Key[" + id + ", created " + createdAt + "]";
        }
    }

    private record Stamp(long size, long modifiedMillis, Object fileKey) {
    }

    private record Loaded(Stamp stamp, Ring ring) {
    }
}
