package org.sregistry.host.oci.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A private home for the containers tools (skopeo, podman): its own trust policy, registries.conf,
 * auth file, HOME, XDG dirs and TMPDIR, so a run reads nothing from {@code /etc/containers} or the
 * real home that a fresh CI box might lack or have otherwise.
 *
 * <p>Two things still land outside, as root, with no flag or variable in skopeo 1.9 / podman 4.3
 * to move them: skopeo's blob-info cache {@code /var/lib/containers/cache/blob-info-cache-v1.boltdb}
 * (only a hint of where blobs were seen; a fresh box without it behaves the same, since every test
 * pushes fresh random content), and podman's empty {@code /run/containers/networks}.
 */
public final class ContainersSandbox {
    /** Accept any image: the tests check digests themselves; signatures are not their subject. */
    static final String POLICY = "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}\n";
    /** No search registries, no aliases, no mirrors: every reference in the tests is fully qualified. */
    static final String REGISTRIES_CONF = "unqualified-search-registries = []\nshort-name-mode = \"disabled\"\n";

    private final Path dir;

    private ContainersSandbox(Path dir) {
        this.dir = dir;
    }

    /** Lays the sandbox out in {@code dir} (created if missing). */
    public static ContainersSandbox in(Path dir) {
        try {
            Files.createDirectories(dir);
            ContainersSandbox s = new ContainersSandbox(dir.toAbsolutePath());
            for (Path p : new Path[] {s.home(), s.xdgRuntimeDir(), s.xdgConfigHome(), s.tmpDir(), s.registriesD()}) {
                Files.createDirectories(p);
            }
            Files.writeString(s.policy(), POLICY);
            Files.writeString(s.registriesConf(), REGISTRIES_CONF);
            Files.writeString(s.authFile(), "{}\n");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path home() {
        return dir.resolve("home");
    }

    public Path xdgRuntimeDir() {
        return dir.resolve("run");
    }

    public Path xdgConfigHome() {
        return dir.resolve("config");
    }

    public Path tmpDir() {
        return dir.resolve("tmp");
    }

    /** The trust policy ({@code --policy} for skopeo, {@code --signature-policy} for podman). */
    public Path policy() {
        return dir.resolve("policy.json");
    }

    public Path registriesConf() {
        return dir.resolve("registries.conf");
    }

    /** An empty registries.d (sigstore lookaside config), so {@code /etc/containers/registries.d} is not read. */
    public Path registriesD() {
        return dir.resolve("registries.d");
    }

    /** Stays {@code {}}: the tests pass credentials with {@code --creds}, never with {@code login}. */
    public Path authFile() {
        return dir.resolve("auth.json");
    }

    /**
     * The environment for a tool run in this sandbox: values to set, and (mapped to null) variables
     * of this JVM's environment to drop because they would point the tools elsewhere.
     */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home().toString());
        env.put("XDG_RUNTIME_DIR", xdgRuntimeDir().toString());
        env.put("XDG_CONFIG_HOME", xdgConfigHome().toString());
        env.put("XDG_DATA_HOME", home().resolve(".local/share").toString());
        env.put("TMPDIR", tmpDir().toString());
        env.put("REGISTRY_AUTH_FILE", authFile().toString());
        env.put("CONTAINERS_REGISTRIES_CONF", registriesConf().toString());
        for (String drop : new String[] {"DOCKER_CONFIG", "REGISTRIES_CONFIG_PATH", "CONTAINER_HOST",
                "CONTAINER_CONNECTION", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF", "STORAGE_DRIVER",
                "STORAGE_OPTS", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
            env.put(drop, null);
        }
        return env;
    }
}
