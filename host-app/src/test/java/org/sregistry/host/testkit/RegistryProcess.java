package org.sregistry.host.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code registry ARGS} in a child JVM, as a user would from a shell: what it prints on
 * stdout and stderr (stack traces included) and its exit code are the real ones.
 */
public final class RegistryProcess {
    private RegistryProcess() {
    }

    /** The finished process. */
    public record Result(int code, String out, String err) {
        /** The non-empty lines of stderr. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs to completion (at most 60 s), in {@code workDir}, with extra environment variables and stdin text. */
    public static Result run(Path workDir, Map<String, String> env, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.sregistry.host.Main");
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("registry-out", ".txt");
            Path err = Files.createTempFile("registry-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("registry " + String.join(" ", args) + " did not finish in 60 s");
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs with no extra environment and empty stdin. */
    public static Result run(Path workDir, String... args) {
        return run(workDir, Map.of(), "", args);
    }
}
