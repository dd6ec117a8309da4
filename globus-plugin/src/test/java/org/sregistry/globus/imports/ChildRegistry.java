package org.sregistry.globus.imports;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sregistry.host.testkit.RegistryClient;

/**
 * A real registry server in a child JVM (the test's class path, {@code org.sregistry.host.Main}), with the built
 * plugin jar in its plugins folder, so a test can kill it with SIGKILL at a moment of its choosing.
 */
final class ChildRegistry implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Registry listening on (http://\\S+)");

    final Process process;
    final URI base;
    final Path log;

    private ChildRegistry(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts a server on {@code dataDir} (plugin jar and {@code settings} written first) and waits until it listens. */
    static ChildRegistry start(Path dataDir, Map<String, String> settings, Path log) throws Exception {
        Files.createDirectories(dataDir.resolve("plugins"));
        Path jar = ImportHost.pluginJar();
        Files.copy(jar, dataDir.resolve("plugins").resolve(jar.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dataDir.resolve("registry.properties"), settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.sregistry.host.Main", "--port", "0", "--data-dir", dataDir.toString(), "--globus")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String url = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> listening(log, process), u -> u != null);
            return new ChildRegistry(process, URI.create(url), log);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the child registry did not start:\n" + Files.readString(log), e);
        }
    }

    private static String listening(Path log, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the child registry ended with " + process.exitValue() + ":\n"
                    + Files.readString(log));
        }
        Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
        return m.find() ? m.group(1) : null;
    }

    /** The administrator, with HTTP Basic. */
    RegistryClient admin(Path dataDir) throws IOException {
        return RegistryClient.basic(base, "admin", Files.readString(dataDir.resolve("initial-admin-password")).trim());
    }

    /** SIGKILL (no shutdown hook, no flush, no goodbye); answers the exit status (137 on Linux). */
    int kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child registry did not die");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
