package org.sregistry.host.oci.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line client (skopeo, podman, umoci) to completion with a time limit, its output
 * captured; a failure names the command, its exit code and everything it printed.
 */
public final class Cli {
    private Cli() {
    }

    /** A finished command. {@link #ok()} turns a non-zero exit into an {@link AssertionError}. */
    public record Result(List<String> command, int code, String out, String err, List<String> secrets) {
        public boolean succeeded() {
            return code == 0;
        }

        /** This result if the command exited 0; otherwise an AssertionError with its output. */
        public Result ok() {
            if (code != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        /** The command line, exit code, stdout and stderr, with secrets masked. */
        public String describe() {
            return mask("`" + String.join(" ", command) + "` exited " + code
                    + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err);
        }

        private String mask(String text) {
            String masked = text;
            for (String secret : secrets) {
                if (!secret.isEmpty()) {
                    masked = masked.replace(secret, "***");
                }
            }
            return masked;
        }
    }

    /**
     * Runs {@code command} with {@code env} added to (or, for keys mapped to null, removed from)
     * this JVM's environment. Stdin is empty. A command still running after {@code timeout} is
     * killed and reported as a failure.
     *
     * @param secrets strings masked in {@link Result#describe()} (passwords given on the command line)
     */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout, List<String> secrets) {
        try {
            Path out = Files.createTempFile("cli-out", ".txt");
            Path err = Files.createTempFile("cli-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                env.forEach((k, v) -> {
                    if (v == null) {
                        builder.environment().remove(k);
                    } else {
                        builder.environment().put(k, v);
                    }
                });
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    Result partial = new Result(command, -1, Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8), secrets);
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + partial.describe());
                }
                return new Result(List.copyOf(command), process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                        List.copyOf(secrets));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Same, with no secrets to mask. */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        return run(command, env, timeout, List.of());
    }

    /** The absolute path of {@code name} on PATH, or null. */
    public static Path which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Concatenates argument lists. */
    static List<String> args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
