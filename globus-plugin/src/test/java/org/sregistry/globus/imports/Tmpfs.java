package org.sregistry.globus.imports;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over a folder, for tests that need a really full disk. Needs root (the CI runs tests as
 * root); elsewhere the test is skipped with the reason.
 */
final class Tmpfs implements AutoCloseable {
    private final Path at;

    private Tmpfs(Path at) {
        this.at = at;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 1m}) at {@code at}, or skips the test saying why it cannot. */
    static Tmpfs mount(Path at, String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs (a real full disk) needs "
                + "root; running as " + System.getProperty("user.name"));
        Files.createDirectories(at);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", at.toString());
        assumeTrue(out == null, "cannot mount a tmpfs here (" + out + ")");
        return new Tmpfs(at);
    }

    /** Fills it until about {@code leftBytes} are free. */
    Path fill(long leftBytes) throws IOException {
        long free = Files.getFileStore(at).getUsableSpace();
        Path filler = at.resolve("filler");
        Files.write(filler, new byte[(int) Math.max(0, free - leftBytes)]);
        return filler;
    }

    /** Free bytes now. */
    long free() throws IOException {
        return Files.getFileStore(at).getUsableSpace();
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", at.toString());
    }

    /** Runs a command; null when it worked, else its output. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : output.trim() + " (exit " + p.exitValue() + ")";
    }
}
