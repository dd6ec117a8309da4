package org.sregistry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sregistry.registry.sif.SifWriter;

/**
 * The distribution as a user gets it: registry-VERSION.tar.gz unpacked into a temp folder outside the checkout,
 * run through {@code bin/registry} with no source tree in sight (the working directory is the temp folder).
 */
class DistributionIT {
    static final String VERSION = System.getProperty("dist.version");
    static final Path TARBALL = Path.of(System.getProperty("dist.tarball"));
    static final Path ZIP = Path.of(System.getProperty("dist.zip"));
    static final String JAVA_HOME = System.getProperty("java.home");

    static Path work;
    static Path home;

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void unpack() throws Exception {
        work = Files.createTempDirectory("registry-dist-it-").toRealPath();
        assertThat(work.toString()).doesNotStartWith(Path.of("").toAbsolutePath().getParent().toString() + "/");
        Run tar = run(List.of("tar", "-xzf", TARBALL.toString(), "-C", work.toString()), Map.of(), work);
        assertThat(tar.exit()).as(tar.output()).isZero();
        home = work.resolve("registry-" + VERSION);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theTarballHoldsTheLayout() throws Exception {
        assertThat(home.resolve("bin/registry")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/registry")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("lib/registry.jar")).isRegularFile();
        assertThat(home.resolve("plugins/globus-plugin-" + VERSION + ".jar")).isRegularFile();
        assertThat(home.resolve("README.txt")).content().contains("Registry " + VERSION);
        assertThat(home.resolve("share/systemd/registry.service")).content()
                .contains("ExecStart=/opt/registry/bin/registry serve", "NoNewPrivileges=true",
                        "ProtectSystem=strict", "ReadWritePaths=/var/lib/registry", "User=registry");
        assertThat(home.resolve("share/nginx/registry.conf")).content()
                .contains("client_max_body_size 0;", "proxy_request_buffering off;", "X-Forwarded-For",
                        "X-Forwarded-Proto", "REGISTRY_TRUSTED_PROXIES");
        // the sample config sets nothing: every key line is commented out
        List<String> active = Files.readAllLines(home.resolve("conf/registry.properties")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(active).isEmpty();
        assertThat(Files.readString(home.resolve("conf/registry.properties")))
                .contains("#REGISTRY_TRUSTED_PROXIES=", "#PLUGIN_GLOBUS_ENABLED=false");

        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            String base = "registry-" + VERSION + "/";
            for (String entry : List.of("bin/registry", "lib/registry.jar", "plugins/globus-plugin-" + VERSION + ".jar",
                    "conf/registry.properties", "share/systemd/registry.service", "share/nginx/registry.conf",
                    "README.txt")) {
                assertThat(zip.getEntry(base + entry)).as(entry).isNotNull();
            }
        }
    }

    @Test
    void helpShowsUsageAndTheBundledPluginsCommands() throws Exception {
        Run help = registry(List.of("--help"), Map.of());
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: registry", "serve", "images", "globus");
        assertThat(work.resolve("data")).doesNotExist();
    }

    @Test
    void theLauncherResolvesItselfThroughSymbolicLinks() throws Exception {
        Path links = Files.createDirectories(work.resolve("links"));
        Path first = Files.createSymbolicLink(links.resolve("registry"), home.resolve("bin/registry"));
        Path second = Files.createSymbolicLink(links.resolve("reg"), Path.of("registry")); // relative link to a link
        Run version = run(List.of(second.toString(), "--version"), javaHome(), work);
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).contains(VERSION);
        assertThat(first).isSymbolicLink();
    }

    @Test
    void registryOptsReachTheJvmWithTheBundledPluginsFolder() throws Exception {
        Run run = registry(List.of("--version"), Map.of("JAVA_OPTS", "-Dfrom.java.opts=yes",
                "REGISTRY_OPTS", "-XshowSettings:properties -Dfrom.registry.opts=yes"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("from.java.opts = yes", "from.registry.opts = yes",
                "registry.bundledPluginsDir = " + home.resolve("plugins"), "file.encoding = UTF-8");
    }

    @Test
    void noJavaOrAnOldOneIsExitTwoWithOneClearLine() throws Exception {
        Run missing = run(List.of(home.resolve("bin/registry").toString(), "--help"),
                Map.of("JAVA_HOME", work.resolve("no-such-jdk").toString()), work);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("registry: JAVA_HOME is set to", "Java 17 or newer");

        Path old = Files.createDirectories(work.resolve("old-jdk/bin"));
        Path java = old.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        java.toFile().setExecutable(true);
        Run tooOld = run(List.of(home.resolve("bin/registry").toString(), "--help"),
                Map.of("JAVA_HOME", work.resolve("old-jdk").toString()), work);
        assertThat(tooOld.exit()).isEqualTo(2);
        assertThat(tooOld.output()).contains("is Java 11.0.22; the registry needs Java 17 or newer");

        Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_402\"' >&2\n");
        Run eight = run(List.of(home.resolve("bin/registry").toString(), "--help"),
                Map.of("JAVA_HOME", work.resolve("old-jdk").toString()), work);
        assertThat(eight.exit()).isEqualTo(2);
        assertThat(eight.output()).contains("is Java 1.8.0_402");
    }

    @Test
    void theDemoServesHealthLoadsTheBundledGlobusPluginAndTakesAPushAndAPull() throws Exception {
        Path data = work.resolve("demo-data");
        Path log = work.resolve("serve.log");
        List<String> command = List.of(home.resolve("bin/registry").toString(), "serve", "--demo", "--port", "0",
                "--data-dir", data.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(javaHome());
        Process server = builder.start();
        try {
            URI base = awaitListening(server, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = awaitHealth(http, base, server, log);
            assertThat(health.statusCode()).isEqualTo(200);

            String password = Files.readString(data.resolve("initial-admin-password")).strip();
            String basic = "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> plugins = http.send(HttpRequest.newBuilder(base.resolve("/api/plugins/globus"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plugins.statusCode()).as(plugins.body()).isEqualTo(200);
            assertThat(plugins.body()).contains("\"state\":\"started\"", "globus-plugin-" + VERSION + ".jar");

            Path sif = work.resolve("lolcow.sif");
            SifWriter.write(sif, "moo".repeat(10_000).getBytes(StandardCharsets.UTF_8), "amd64",
                    Instant.parse("2024-03-01T10:00:00Z"), UUID.fromString("3a42f43c-1744-40dc-9b16-753d8e1589fa"));
            byte[] bytes = Files.readAllBytes(sif);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/api/containers/dist/lolcow:1.0"))
                    .header("Authorization", basic).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(put.body()).contains(digest);

            HttpResponse<byte[]> pull = http.send(HttpRequest.newBuilder(
                    base.resolve("/api/container/dist/lolcow:1.0/download")).header("Authorization", basic).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pull.statusCode()).isEqualTo(200);
            assertThat(pull.body()).isEqualTo(bytes);
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook stops the server
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertThat(server.exitValue()).as(Files.readString(log)).isIn(0, 143);
    }

    @Test
    void aJarInTheDataDirsPluginsFolderWinsOverTheBundledOne() throws Exception {
        Path data = work.resolve("precedence-data");
        Files.createDirectories(data.resolve("plugins"));
        Files.copy(home.resolve("plugins/globus-plugin-" + VERSION + ".jar"), data.resolve("plugins/globus.jar"));
        Path log = work.resolve("precedence.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/registry").toString(), "serve", "--port", "0",
                "--data-dir", data.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(javaHome());
        Process server = builder.start();
        try {
            URI base = awaitListening(server, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealth(http, base, server, log);
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:"
                    + Files.readString(data.resolve("initial-admin-password")).strip()).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> plugin = http.send(HttpRequest.newBuilder(base.resolve("/api/plugins/globus"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plugin.statusCode()).as(plugin.body()).isEqualTo(200);
            assertThat(plugin.body()).contains("\"jar\":\"globus.jar\"", "\"dev\":false", "\"enabled\":false");
            assertThat(Files.readString(log)).contains("ignored: a jar in the plugins folder wins");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theOciImageRunsAsNonRootWithADataVolumeAndPushesToTheRegistrysOwnV2() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("image.skip"), "built with -Dimage.skip=true");
        Path image = Path.of(System.getProperty("dist.image"));
        assertThat(image).isRegularFile();
        Run manifest = run(List.of("skopeo", "inspect", "oci-archive:" + image), Map.of(), work);
        assertThat(manifest.exit()).as(manifest.output()).isZero();
        assertThat(manifest.output()).contains("\"Architecture\": \"amd64\"", "\"Os\": \"linux\"");
        Run config = run(List.of("skopeo", "inspect", "--config", "oci-archive:" + image), Map.of(), work);
        assertThat(config.exit()).as(config.output()).isZero();
        assertThat(config.output().replaceAll("\\s", "")).contains("\"User\":\"65532:65532\"",
                "\"Volumes\":{\"/data\":{}}", "\"/opt/java/bin/java\"", "\"/opt/registry/lib/registry.jar\"",
                "\"-Dregistry.bundledPluginsDir=/opt/registry/plugins\"", "\"/data/registry\"");
        Run layers = run(List.of("sh", "-c", "tar -xOf '" + image + "' index.json"), Map.of(), work);
        assertThat(layers.output()).contains("application/vnd.oci.image.manifest.v1+json");

        // pushed with skopeo to the /v2/ of the registry from the tarball (a non-SIF image: an any-file collection)
        Path data = work.resolve("image-push-data");
        Path log = work.resolve("image-push.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/registry").toString(), "serve", "--port", "0",
                "--data-dir", data.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(javaHome());
        builder.environment().put("REGISTRY_ANY_FILE_COLLECTIONS", "dist");
        Process server = builder.start();
        try {
            URI base = awaitListening(server, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealth(http, base, server, log);
            String creds = "admin:" + Files.readString(data.resolve("initial-admin-password")).strip();
            String target = "docker://" + base.getHost() + ":" + base.getPort() + "/dist/registry:" + VERSION;
            Run copy = run(List.of("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                    "oci-archive:" + image, target), Map.of(), work);
            assertThat(copy.exit()).as(copy.output()).isZero();
            Run remote = run(List.of("skopeo", "inspect", "--tls-verify=false", "--creds", creds, target), Map.of(), work);
            assertThat(remote.exit()).as(remote.output()).isZero();
            assertThat(remote.output()).contains("\"Architecture\": \"amd64\"");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static URI awaitListening(Process server, Path log) throws Exception {
        Pattern listening = Pattern.compile("Registry listening on (http://\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            assertThat(server.isAlive()).as("the server stopped: " + Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no 'Registry listening on' in 120 s: " + Files.readString(log));
    }

    private static HttpResponse<String> awaitHealth(HttpClient http, URI base, Process server, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (IOException e) {
                // not yet
            }
            assertThat(server.isAlive()).as("the server stopped: " + Files.readString(log)).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("/health never answered 200 (last: " + (last == null ? "none" : last.statusCode()
                + " " + last.body()) + "): " + Files.readString(log));
    }

    private static Map<String, String> javaHome() {
        return Map.of("JAVA_HOME", JAVA_HOME);
    }

    private static Run registry(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/registry").toString());
        command.addAll(args);
        Map<String, String> all = new java.util.HashMap<>(javaHome());
        all.putAll(env);
        return run(command, all, work);
    }

    private static Run run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("REGISTRY_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
