package org.sregistry.host.oci.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code podman} (Debian's package), daemonless, with all its state in a folder of the
 * test: {@code --root}/{@code --runroot}/{@code --tmpdir} there, the vfs storage driver (no
 * overlay mounts, no fuse), its own storage.conf, containers.conf and registries.conf, and the
 * sandbox's trust policy passed as {@code --signature-policy} on pull and push. Nothing is read
 * from {@code /etc/containers} or written to the real home (see {@link ContainersSandbox} for the
 * one empty folder it still makes in /run). As root no daemon, no user namespace, no network and
 * no cgroup are needed for pull, push and inspect: it runs no container.
 */
public final class Podman {
    public static final Path BINARY = Path.of("/usr/bin/podman");
    private static String probed;

    private final ContainersSandbox sandbox;
    private final Duration timeout;

    private Podman(ContainersSandbox sandbox, Duration timeout) {
        this.sandbox = sandbox;
        this.timeout = timeout;
        try {
            Files.createDirectories(root());
            Files.createDirectories(runRoot());
            Files.createDirectories(libpodTmp());
            Files.createDirectories(sandbox.dir().resolve("networks"));
            Files.writeString(storageConf(), "[storage]\ndriver = \"vfs\"\n"
                    + "graphroot = \"" + root() + "\"\nrunroot = \"" + runRoot() + "\"\n");
            Files.writeString(containersConf(), "[engine]\nevents_logger = \"none\"\ncgroup_manager = \"cgroupfs\"\n"
                    + "[network]\nnetwork_config_dir = \"" + sandbox.dir().resolve("networks") + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A podman with its storage and config in {@code dir}, 120 s per command. */
    public static Podman in(Path dir) {
        return new Podman(ContainersSandbox.in(dir), Duration.ofSeconds(120));
    }

    /**
     * Null when podman can run here (it answers {@code podman info} in a throw-away sandbox);
     * otherwise why not, with its own words, for a JUnit assumption.
     */
    public static synchronized String unavailableReason() {
        if (probed == null) {
            probed = probe();
        }
        return probed.isEmpty() ? null : probed;
    }

    private static String probe() {
        if (!Files.isExecutable(BINARY)) {
            return BINARY + " is missing (apt-get install podman)";
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("podman-probe");
            Cli.Result info = Podman.in(dir).run(List.of("info", "--format", "{{.Store.GraphDriverName}}"));
            if (!info.succeeded()) {
                return "podman info fails in a private sandbox: " + info.describe();
            }
            return "";
        } catch (IOException | RuntimeException | AssertionError e) {
            return "podman cannot start: " + e.getMessage();
        } finally {
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** {@code podman pull FLAGS REF} (with the sandbox's policy), which must succeed; stdout is the image id. */
    public String pull(String reference, String... flags) {
        List<String> args = new ArrayList<>(List.of("pull", "--quiet", "--signature-policy", sandbox.policy().toString()));
        args.addAll(List.of(flags));
        args.add(reference);
        return run(args).ok().out().strip();
    }

    /** {@code podman push FLAGS LOCAL DEST} (with the sandbox's policy), which must succeed. */
    public Cli.Result push(String localImage, String destination, String... flags) {
        List<String> args = new ArrayList<>(List.of("push", "--quiet", "--signature-policy", sandbox.policy().toString()));
        args.addAll(List.of(flags));
        args.add(localImage);
        args.add(destination);
        return run(args).ok();
    }

    /** {@code podman image inspect --format FORMAT IMAGE}, trimmed. */
    public String inspect(String image, String goTemplate) {
        return run(List.of("image", "inspect", "--format", goTemplate, image)).ok().out().strip();
    }

    /** Any podman subcommand, exit code unchecked. */
    public Cli.Result run(List<String> subcommandAndArgs) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--storage-driver", "vfs",
                "--root", root().toString(),
                "--runroot", runRoot().toString(),
                "--tmpdir", libpodTmp().toString(),
                "--cgroup-manager", "cgroupfs",
                "--events-backend", "none",
                "--log-level", "error"));
        command.addAll(subcommandAndArgs);
        Map<String, String> env = sandbox.env();
        env.put("CONTAINERS_CONF", containersConf().toString());
        env.put("CONTAINERS_STORAGE_CONF", storageConf().toString());
        return Cli.run(command, env, timeout, Skopeo.secretsOf(subcommandAndArgs));
    }

    /** Flags for pull/push against a plain-HTTP registry, with {@code --creds} when {@code creds} is not null. */
    public static String[] registry(Credentials creds) {
        return creds == null ? new String[] {"--tls-verify=false"}
                : new String[] {"--tls-verify=false", "--creds", creds.colonForm()};
    }

    private Path root() {
        return sandbox.dir().resolve("storage");
    }

    private Path runRoot() {
        return sandbox.dir().resolve("runroot");
    }

    private Path libpodTmp() {
        return sandbox.dir().resolve("libpod-tmp");
    }

    private Path storageConf() {
        return sandbox.dir().resolve("storage.conf");
    }

    private Path containersConf() {
        return sandbox.dir().resolve("containers.conf");
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp folder
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
