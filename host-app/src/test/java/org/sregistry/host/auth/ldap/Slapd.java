package org.sregistry.host.auth.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenLDAP {@code slapd} on loopback for one test class, set up as docs/design/users.md §5's recipe
 * does it: a temp dir, {@code slappasswd} hashes, a self-signed certificate for {@code IP:127.0.0.1},
 * {@code slapadd -n0}/{@code -n1} from {@code ldap/config.ldif}/{@code ldap/data.ldif}, then
 * {@code slapd -d 0} in the foreground on two free ports (ldap and ldaps), killed after the class.
 * Nothing under /etc is written. Without /usr/sbin/slapd the class is skipped, except under
 * {@code CI=true}, where it fails: CI installs slapd and must run these tests.
 */
final class Slapd implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String ALICE_PASSWORD = "alice-pass";
    static final String BOB_PASSWORD = "bob-pass";
    /** dave is in no group; LdapLoginIT gives the registry a local dave he must not take over. */
    static final String DAVE_PASSWORD = "dave-pass";
    static final String SERVICE_DN = "cn=registry,dc=example,dc=org";
    static final String SERVICE_PASSWORD = "service-pass";
    private static final Path SLAPD = Path.of("/usr/sbin/slapd");

    private String missing;
    private Path dir;
    private Process slapd;
    private int ldapPort;
    private int ldapsPort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(SLAPD)) {
            String message = SLAPD + " is missing: install slapd and ldap-utils (apt-get install slapd ldap-utils)"
                    + " to run the LDAP tests";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: the LDAP tests must run)");
            }
            // skipped test by test (beforeEach), so the report counts them as skipped, and said once here
            missing = message + "; skipped";
            System.err.println(context.getDisplayName() + ": " + missing);
            return;
        }
        dir = Files.createTempDirectory("slapd.");
        Files.createDirectories(dir.resolve("slapd.d"));
        Files.createDirectories(dir.resolve("db"));
        ldapPort = freePort();
        ldapsPort = freePort();
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("tls.key").toString(),
                "-out", caFile().toString());
        write("config.ldif", Map.of("PIDFILE", dir.resolve("slapd.pid").toString(),
                "ARGSFILE", dir.resolve("slapd.args").toString(), "DBDIR", dir.resolve("db").toString(),
                "ROOTPW", hash("rootsecret"), "CERTFILE", caFile().toString(),
                "KEYFILE", dir.resolve("tls.key").toString()));
        write("data.ldif", Map.of("ALICEPW", hash(ALICE_PASSWORD), "BOBPW", hash(BOB_PASSWORD),
                "DAVEPW", hash(DAVE_PASSWORD), "SVCPW", hash(SERVICE_PASSWORD)));
        run("slapadd", "-n0", "-F", dir.resolve("slapd.d").toString(), "-l", dir.resolve("config.ldif").toString());
        run("slapadd", "-n1", "-F", dir.resolve("slapd.d").toString(), "-l", dir.resolve("data.ldif").toString());
        slapd = new ProcessBuilder(SLAPD.toString(), "-F", dir.resolve("slapd.d").toString(), "-h",
                "ldap://127.0.0.1:" + ldapPort + "/ ldaps://127.0.0.1:" + ldapsPort + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("slapd.log").toFile()).start();
        awaitAnswer();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(missing == null, () -> missing);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (slapd != null) {
            slapd.destroy();
            if (!slapd.waitFor(10, TimeUnit.SECONDS)) {
                slapd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {@code ldap://127.0.0.1:PORT}. */
    String ldapUrl() {
        return "ldap://127.0.0.1:" + ldapPort;
    }

    /** {@code ldaps://127.0.0.1:PORT}. */
    String ldapsUrl() {
        return "ldaps://127.0.0.1:" + ldapsPort;
    }

    /** The server's self-signed certificate: the CA to trust. */
    Path caFile() {
        return dir.resolve("tls.crt");
    }

    int ldapPort() {
        return ldapPort;
    }

    int ldapsPort() {
        return ldapsPort;
    }

    /** True while the slapd process runs (the tests check it really served them). */
    boolean running() {
        return slapd != null && slapd.isAlive();
    }

    /** A port nothing listens on (free a moment ago). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitAnswer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (!slapd.isAlive()) {
                throw new IllegalStateException("slapd exited with " + slapd.exitValue() + ": " + log());
            }
            try (LDAPConnection probe = new LDAPConnection("127.0.0.1", ldapPort)) {
                probe.getRootDSE();
                return;
            } catch (LDAPException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("slapd does not answer on " + ldapUrl() + ": " + log(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private String hash(String password) throws Exception {
        return run(SLAPD.resolveSibling("slappasswd").toString(), "-s", password).strip();
    }

    private void write(String resource, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = Slapd.class.getResourceAsStream("/ldap/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource ldap/" + resource + " is missing");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Files.writeString(dir.resolve(resource), text);
    }

    /** Runs a set-up command; its standard output, or a failure naming the command and its output. */
    private String run(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(command));
        if (!line.get(0).startsWith("/") && Files.isExecutable(Path.of("/usr/sbin", line.get(0)))) {
            line.set(0, "/usr/sbin/" + line.get(0)); // slapadd lives in /usr/sbin, not on every PATH
        }
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line.subList(0, Math.min(2, line.size())))
                    + " failed: " + out);
        }
        return out;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("slapd.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
