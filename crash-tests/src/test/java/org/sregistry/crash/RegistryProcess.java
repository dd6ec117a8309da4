package org.sregistry.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a child process: {@code java -jar registry.jar --data-dir D --port 0 --globus}, ready once it
 * prints {@code Registry listening on http://HOST:PORT/} on stdout. Its console (stderr) is appended to one file per
 * run. {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush.
 */
final class RegistryProcess {
    private static final Pattern LISTENING = Pattern.compile("Registry listening on (http://\\S+)");
    private static final long START_TIMEOUT_SECONDS = 90;

    /** How to start one: everything but the moment. */
    record Launch(Path jar, Path dataDir, Path pluginsDir, Path workDir, Path consoleLog, List<String> jvmArgs,
                  Map<String, String> environment) {
        Launch withJvmArgs(List<String> args) {
            return new Launch(jar, dataDir, pluginsDir, workDir, consoleLog, args, environment);
        }
    }

    private final Process process;
    private final CompletableFuture<URI> listening;

    private RegistryProcess(Process process, CompletableFuture<URI> listening) {
        this.process = process;
        this.listening = listening;
    }

    /** Starts the process; {@link #awaitListening()} waits for its line. */
    static RegistryProcess launch(Launch launch) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmArgs());
        command.addAll(List.of("-jar", launch.jar().toString(), "--data-dir", launch.dataDir().toString(),
                "--plugins-dir", launch.pluginsDir().toString(), "--port", "0", "--globus"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.workDir().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(launch.consoleLog().toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_") || k.startsWith("PLUGIN_"));
        builder.environment().putAll(launch.environment());
        Files.writeString(launch.consoleLog(), "---- " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = builder.start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, listening), "registry-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return new RegistryProcess(process, listening);
    }

    private static void readStdout(Process process, CompletableFuture<URI> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process died; the future below says so
        }
        listening.completeExceptionally(new IOException("the registry process ended (exit "
                + (process.isAlive() ? "?" : process.exitValue()) + ") before it was listening"));
    }

    /** The server's root URI, once it printed it. */
    URI awaitListening() throws IOException {
        try {
            return listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            kill();
            throw new IOException("the registry did not listen within " + START_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then wait until the kernel has reaped it (its files and ports are released). */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM (the shutdown hook closes the server), SIGKILL if it takes more than 30 s. */
    void stop() {
        process.destroy();
        if (!waitFor(30)) {
            kill();
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
