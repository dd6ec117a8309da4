package org.sregistry.host.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small RAM file system mounted on a folder, to give a test a disk that really fills up
 * ({@code ENOSPC} from the kernel, not a mock) or that is really read-only ({@code EROFS}).
 * Mounting needs root: {@link #assumeMountable()} skips the test with that reason elsewhere.
 *
 * <pre>{@code
 * Tmpfs.assumeMountable();
 * try (Tmpfs disk = Tmpfs.mount(dataDir.resolve("images"), 16 << 20)) {
 *     disk.fillLeaving(1 << 20);   // 1 MiB left
 *     ...
 * }
 * }</pre>
 */
public final class Tmpfs implements AutoCloseable {
    private static final String FILLER = ".test-filler";
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Skips the calling test unless this process may mount (root); CI runs as root. */
    public static void assumeMountable() {
        assumeTrue(isRoot(), "skipped: mounting a tmpfs to fill a real disk needs root (CI runs the tests as root)");
    }

    /** Mounts a tmpfs of {@code bytes} (a multiple of 4 KiB) on {@code dir}, creating the folder. */
    public static Tmpfs mount(Path dir, long bytes) throws IOException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + (bytes / 1024) + "k,mode=0755", "tmpfs", dir.toString());
        return new Tmpfs(dir);
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    /** Usable bytes left. */
    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes a filler file so that about {@code bytes} stay free (to the page); {@link #unfill()} removes it. */
    public void fillLeaving(long bytes) throws IOException {
        long toWrite = free() - bytes;
        if (toWrite <= 0) {
            return;
        }
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(dir.resolve(FILLER), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (long left = toWrite; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** Removes the filler file. */
    public void unfill() throws IOException {
        Files.deleteIfExists(dir.resolve(FILLER));
    }

    /** Remounts read-only ({@code true}) or read-write. */
    public void readOnly(boolean readOnly) throws IOException {
        run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), dir.toString());
    }

    /** Unmounts (lazily if something still holds a file open); the folder stays. */
    @Override
    public void close() throws IOException {
        try {
            run("umount", dir.toString());
        } catch (IOException e) {
            run("umount", "-l", dir.toString());
        }
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
