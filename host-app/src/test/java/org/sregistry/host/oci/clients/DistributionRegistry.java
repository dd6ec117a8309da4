package org.sregistry.host.oci.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8) on a free loopback port, with
 * filesystem storage in a folder of the test: the reference OCI registry that the client kit is
 * proved against. Plain HTTP; optionally htpasswd Basic auth for the one login {@link #BASIC_LOGIN}.
 */
public final class DistributionRegistry implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    /** The one login of {@link #startWithBasicAuth}. */
    public static final Credentials BASIC_LOGIN = new Credentials("kit", "kit-secret");
    /**
     * bcrypt (cost 4, the least distribution accepts) of {@code kit-secret}; distribution's htpasswd
     * reads nothing else, and the JDK has no bcrypt. Made once with
     * {@code python3 -c "import crypt; print(crypt.crypt('kit-secret', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))"}.
     */
    private static final String BASIC_LOGIN_BCRYPT = "$2b$04$7esU9AIviJQmi1k445ElCOsl1KEJv7pPg5D7Aem2LJTUEbTbCILq2";

    private final Process process;
    private final int port;
    private final Path log;
    private final Credentials login;

    private DistributionRegistry(Process process, int port, Path log, Credentials login) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.login = login;
    }

    /** An open registry (no auth) keeping its data under {@code dir}. */
    public static DistributionRegistry start(Path dir) {
        return start(dir, false);
    }

    /** A registry that wants {@link #BASIC_LOGIN} (htpasswd, {@code WWW-Authenticate: Basic realm="kit"}) for everything. */
    public static DistributionRegistry startWithBasicAuth(Path dir) {
        return start(dir, true);
    }

    private static DistributionRegistry start(Path dir, boolean basicAuth) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install docker-registry (.ci/run does)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return tryStart(dir.resolve("attempt-" + attempt), basicAuth);
            } catch (IllegalStateException e) {
                last = e; // most likely the port was taken between probing and binding
            }
        }
        throw last;
    }

    private static DistributionRegistry tryStart(Path dir, boolean basicAuth) {
        try {
            Files.createDirectories(dir.resolve("storage"));
            int port = freePort();
            StringBuilder config = new StringBuilder()
                    .append("version: 0.1\n")
                    .append("log:\n  level: error\n  accesslog:\n    disabled: true\n")
                    .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("storage").toAbsolutePath())
                    .append("\n  delete:\n    enabled: true\n")
                    .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
            if (basicAuth) {
                Path htpasswd = dir.resolve("htpasswd");
                Files.writeString(htpasswd, BASIC_LOGIN.username() + ":" + BASIC_LOGIN_BCRYPT + "\n");
                config.append("auth:\n  htpasswd:\n    realm: kit\n    path: ").append(htpasswd.toAbsolutePath()).append('\n');
            }
            Path configFile = dir.resolve("config.yml");
            Files.writeString(configFile, config);
            Path log = dir.resolve("registry.log");
            ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // distribution reads REGISTRY_<SECTION>_<KEY> variables as config overrides: CI's
            // REGISTRY_TEST_POSTGRES_* (and anything else so named) must not reach it
            builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
            Process process = builder.start();
            DistributionRegistry registry = new DistributionRegistry(process, port, log, basicAuth ? BASIC_LOGIN : null);
            try {
                registry.awaitReady(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/")).timeout(Duration.ofSeconds(5));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(login.colonForm().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                throw new IllegalStateException("GET /v2/ answered " + response.statusCode() + ": " + log());
            } catch (ConnectException e) {
                sleep();
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("docker-registry not ready on port " + port + " in " + limit.toSeconds() + " s: " + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code 127.0.0.1:PORT}: what goes before the repository in {@code docker://} and oras references. */
    public String authority() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + authority();
    }

    /** The login it wants, or null when it is open. */
    public Credentials login() {
        return login;
    }

    /** What the registry printed so far (errors only, at log level error). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
