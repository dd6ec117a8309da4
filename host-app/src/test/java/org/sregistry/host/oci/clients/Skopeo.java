package org.sregistry.host.oci.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code skopeo} (Debian's package), run in a {@link ContainersSandbox}: a trust policy of
 * its own ({@code --policy}), an empty {@code --registries.d}, a private auth file and HOME. Plain
 * HTTP registries need {@code --src-tls-verify=false} / {@code --dest-tls-verify=false} /
 * {@code --tls-verify=false}: see {@link #srcRegistry}, {@link #destRegistry}, {@link #registry}.
 */
public final class Skopeo {
    public static final Path BINARY = Path.of("/usr/bin/skopeo");

    private final ContainersSandbox sandbox;
    private final Duration timeout;

    public Skopeo(ContainersSandbox sandbox, Duration timeout) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install skopeo (.ci/run does)");
        }
        this.sandbox = sandbox;
        this.timeout = timeout;
    }

    /** A sandbox in {@code dir}, 120 s per command. */
    public static Skopeo in(Path dir) {
        return new Skopeo(ContainersSandbox.in(dir), Duration.ofSeconds(120));
    }

    /** {@code skopeo copy FLAGS SRC DEST}, which must succeed. */
    public Cli.Result copy(String src, String dest, String... flags) {
        List<String> args = new ArrayList<>(List.of("copy"));
        args.addAll(List.of(flags));
        args.add(src);
        args.add(dest);
        return run(args).ok();
    }

    /** {@code skopeo inspect --raw FLAGS IMAGE}: the manifest bytes as served (stdout, exactly). */
    public String inspectRaw(String image, String... flags) {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw"));
        args.addAll(List.of(flags));
        args.add(image);
        return run(args).ok().out();
    }

    /** {@code skopeo inspect --raw --config FLAGS IMAGE}: the config blob's bytes. */
    public String inspectConfig(String image, String... flags) {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw", "--config"));
        args.addAll(List.of(flags));
        args.add(image);
        return run(args).ok().out();
    }

    /** {@code skopeo inspect FLAGS IMAGE}: skopeo's JSON summary (Digest, RepoTags, Layers...). */
    public String inspect(String image, String... flags) {
        List<String> args = new ArrayList<>(List.of("inspect"));
        args.addAll(List.of(flags));
        args.add(image);
        return run(args).ok().out();
    }

    /** {@code skopeo list-tags FLAGS REPO}. */
    public String listTags(String repository, String... flags) {
        List<String> args = new ArrayList<>(List.of("list-tags"));
        args.addAll(List.of(flags));
        args.add(repository);
        return run(args).ok().out();
    }

    /** {@code skopeo delete FLAGS IMAGE}. */
    public Cli.Result delete(String image, String... flags) {
        List<String> args = new ArrayList<>(List.of("delete"));
        args.addAll(List.of(flags));
        args.add(image);
        return run(args).ok();
    }

    /** Any skopeo subcommand and its arguments, exit code unchecked (for tests of refusals). */
    public Cli.Result run(List<String> subcommandAndArgs) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--policy", sandbox.policy().toString(),
                "--registries.d", sandbox.registriesD().toString(),
                "--tmpdir", sandbox.tmpDir().toString()));
        command.addAll(subcommandAndArgs);
        return Cli.run(command, sandbox.env(), timeout, secretsIn(subcommandAndArgs));
    }

    /** Flags for a plain-HTTP source registry, with {@code --src-creds} when {@code creds} is not null. */
    public static String[] srcRegistry(Credentials creds) {
        return creds == null ? new String[] {"--src-tls-verify=false"}
                : new String[] {"--src-tls-verify=false", "--src-creds", creds.colonForm()};
    }

    /** Flags for a plain-HTTP destination registry, with {@code --dest-creds} when {@code creds} is not null. */
    public static String[] destRegistry(Credentials creds) {
        return creds == null ? new String[] {"--dest-tls-verify=false"}
                : new String[] {"--dest-tls-verify=false", "--dest-creds", creds.colonForm()};
    }

    /** Flags for inspect / list-tags / delete against a plain-HTTP registry, with {@code --creds}. */
    public static String[] registry(Credentials creds) {
        return creds == null ? new String[] {"--tls-verify=false"}
                : new String[] {"--tls-verify=false", "--creds", creds.colonForm()};
    }

    /** Both copy directions at once (registry to registry). */
    public static String[] bothRegistries(Credentials src, Credentials dest) {
        List<String> all = new ArrayList<>(List.of(srcRegistry(src)));
        all.addAll(List.of(destRegistry(dest)));
        return all.toArray(String[]::new);
    }

    private static List<String> secretsIn(List<String> args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--creds") || flag.equals("--src-creds") || flag.equals("--dest-creds")) {
                String value = args.get(i + 1);
                int colon = value.indexOf(':');
                secrets.add(colon >= 0 ? value.substring(colon + 1) : value);
            }
        }
        return secrets;
    }

    static List<String> secretsOf(List<String> args) {
        return secretsIn(args);
    }
}
