package org.sregistry.registry.sif;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs squashfs-tools' {@code unsquashfs}, the independent judge of the images {@link SquashfsImage}
 * makes. A machine without it fails the test (it must not pass by skipping): CI installs
 * squashfs-tools.
 */
final class Unsquashfs {
    private Unsquashfs() {
    }

    /** {@code unsquashfs -s}: the superblock as unsquashfs reads it. */
    static String stat(Path image) throws Exception {
        return run("-s", image.toString());
    }

    /** {@code unsquashfs -lls}: the listing, one line per entry with mode, owner, size. */
    static List<String> list(Path image) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : run("-lls", image.toString()).split("\n")) {
            if (line.startsWith("d") || line.startsWith("-")) {
                lines.add(line.replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    /** Extracts {@code image} into the new directory {@code target}. */
    static void extract(Path image, Path target) throws Exception {
        run("-no-progress", "-d", target.toString(), image.toString());
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("unsquashfs did not finish in 60 s: " + command);
        }
        if (p.exitValue() != 0) {
            fail("unsquashfs refused the image (exit " + p.exitValue() + "): " + command + "\n" + out);
        }
        return out;
    }

    private static String executable() throws IOException {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "unsquashfs"))) {
                return Path.of(dir, "unsquashfs").toString();
            }
        }
        return fail("unsquashfs is not installed, and these tests need it to check the squashfs images:"
                + " install squashfs-tools (Debian/Ubuntu: apt-get install squashfs-tools; .ci/run does)");
    }
}
