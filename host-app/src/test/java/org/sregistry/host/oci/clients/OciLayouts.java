package org.sregistry.host.oci.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real OCI image layouts made by {@code umoci} (Debian's package), and reading them back: index,
 * manifest, config and blobs, with every blob's sha256 checked against its name.
 */
public final class OciLayouts {
    public static final Path UMOCI = Path.of("/usr/bin/umoci");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private OciLayouts() {
    }

    /** An image in a layout: {@code oci:LAYOUT:TAG} for skopeo. */
    public record OciImage(Path layout, String tag) {
        public String reference() {
            return "oci:" + layout.toAbsolutePath() + ":" + tag;
        }
    }

    /** A content descriptor. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    /** A manifest as stored: its digest, exact bytes, config, layers and annotations. */
    public record ImageManifest(String digest, byte[] bytes, Descriptor config, List<Descriptor> layers,
            Map<String, String> annotations) {
        public List<String> layerDigests() {
            return layers.stream().map(Descriptor::digest).toList();
        }
    }

    /**
     * Builds, with umoci, a layout at {@code layout} holding image {@code tag} of four layers: one
     * of {@code bigBytes} random bytes, a folder of small random files, a small file, and one that
     * deletes a file of an earlier layer (a whiteout); plus an author, a label, an env entry and a
     * random manifest annotation, so that two images built here never share a digest.
     */
    public static OciImage multiLayer(Path layout, String tag, Random random, int bigBytes) {
        try {
            Path scratch = Files.createTempDirectory(layout.toAbsolutePath().getParent(), "umoci-input");
            String image = layout.toAbsolutePath() + ":" + tag;
            umoci("init", "--layout", layout.toAbsolutePath().toString());
            umoci("new", "--image", image);

            Path big = scratch.resolve("big.bin");
            Files.write(big, bytes(random, bigBytes));
            insert(image, big, "/data/big.bin");

            Path folder = Files.createDirectories(scratch.resolve("folder"));
            for (int i = 0; i < 5; i++) {
                Files.write(folder.resolve("file-" + i + ".txt"), bytes(random, 200 + random.nextInt(2000)));
            }
            insert(image, folder, "/opt/kit");

            Path small = scratch.resolve("release");
            Files.writeString(small, "kit-release " + Long.toHexString(random.nextLong()) + "\n");
            insert(image, small, "/etc/kit-release");

            umoci(withRootless("insert", "--image", image, "--whiteout", "/opt/kit/file-0.txt"));

            umoci("config", "--image", image, "--author", "oci-client-kit",
                    "--config.label", "org.sregistry.kit=contract",
                    "--config.env", "KIT_RUN=" + Long.toHexString(random.nextLong()),
                    "--manifest.annotation", "org.sregistry.kit.run=" + Long.toHexString(random.nextLong()));
            umoci("gc", "--layout", layout.toAbsolutePath().toString());
            return new OciImage(layout, tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void insert(String image, Path source, String target) {
        umoci(withRootless("insert", "--image", image, source.toString(), target));
    }

    private static String[] withRootless(String... args) {
        if ("root".equals(System.getProperty("user.name"))) {
            return args;
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, "--rootless");
        return all.toArray(String[]::new);
    }

    private static void umoci(String... args) {
        if (!Files.isExecutable(UMOCI)) {
            throw new IllegalStateException(UMOCI + " is missing: apt-get install umoci (.ci/run does)");
        }
        List<String> command = new ArrayList<>(List.of(UMOCI.toString(), "--log", "error"));
        command.addAll(List.of(args));
        Cli.run(command, Map.of(), TIMEOUT).ok();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The manifest that {@code index.json} names {@code tag} (annotation {@code org.opencontainers.image.ref.name}). */
    public static ImageManifest manifest(OciImage image) {
        try {
            JsonNode index = JSON.readTree(image.layout().resolve("index.json").toFile());
            for (JsonNode m : index.path("manifests")) {
                if (image.tag().equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText(null))) {
                    String digest = m.path("digest").asText();
                    return parseManifest(digest, blob(image.layout(), digest));
                }
            }
            throw new AssertionError("no manifest tagged " + image.tag() + " in " + image.layout() + ": " + index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses manifest bytes (as served by a registry or stored in a layout). */
    public static ImageManifest parseManifest(String digest, byte[] bytes) {
        try {
            JsonNode m = JSON.readTree(bytes);
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode l : m.path("layers")) {
                layers.add(descriptor(l));
            }
            Map<String, String> annotations = new LinkedHashMap<>();
            m.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            return new ImageManifest(digest, bytes, descriptor(m.path("config")), List.copyOf(layers), annotations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Descriptor descriptor(JsonNode d) {
        return new Descriptor(d.path("mediaType").asText(), d.path("digest").asText(), d.path("size").asLong());
    }

    /** A blob's bytes, after checking that they hash to {@code digest}. */
    public static byte[] blob(Path layout, String digest) {
        String[] parts = digest.split(":", 2);
        try {
            byte[] bytes = Files.readAllBytes(layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]));
            String actual = sha256(bytes);
            if (!actual.equals(digest)) {
                throw new AssertionError("blob " + digest + " in " + layout + " hashes to " + actual);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config's {@code rootfs.diff_ids}: the uncompressed layer digests (what podman lists as RootFS.Layers). */
    public static List<String> diffIds(OciImage image) {
        try {
            JsonNode config = JSON.readTree(blob(image.layout(), manifest(image).config().digest()));
            List<String> ids = new ArrayList<>();
            config.path("rootfs").path("diff_ids").forEach(n -> ids.add(n.asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The two images are the same bytes: same manifest digest (so the registry kept the manifest
     * byte for byte), same config, and every layer present in both with equal bytes and digest.
     */
    public static void assertSameImage(OciImage expected, OciImage actual) {
        ImageManifest want = manifest(expected);
        ImageManifest got = manifest(actual);
        if (!want.layers().equals(got.layers())) {
            throw new AssertionError("layers differ:\n expected " + want.layers() + "\n actual   " + got.layers());
        }
        if (!want.config().equals(got.config())) {
            throw new AssertionError("config differs: expected " + want.config() + ", actual " + got.config());
        }
        if (!want.digest().equals(got.digest())) {
            throw new AssertionError("manifest digest differs: expected " + want.digest() + ", actual " + got.digest()
                    + "\n expected " + new String(want.bytes()) + "\n actual   " + new String(got.bytes()));
        }
        if (!java.util.Arrays.equals(blob(expected.layout(), want.config().digest()),
                blob(actual.layout(), got.config().digest()))) {
            throw new AssertionError("config bytes differ");
        }
        for (Descriptor layer : want.layers()) {
            byte[] a = blob(expected.layout(), layer.digest());
            byte[] b = blob(actual.layout(), layer.digest());
            if (a.length != layer.size() || !java.util.Arrays.equals(a, b)) {
                throw new AssertionError("layer " + layer.digest() + " differs (sizes " + a.length + " / " + b.length + ")");
            }
        }
    }

    /** {@code sha256:HEX} of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:HEX} of a file's bytes. */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
