package org.sregistry.host.oci.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import land.oras.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.host.oci.clients.OciLayouts.ImageManifest;
import org.sregistry.host.oci.clients.OciLayouts.OciImage;
import org.sregistry.registry.sif.SifWriter;

/**
 * What any OCI distribution registry must do for real clients: skopeo, podman and oras-java
 * push and pull through it, and what comes back is byte for byte what went in. A subclass names
 * the registry ({@link #registryAuthority()}, plain HTTP) and its login ({@link #credentials()},
 * null when it is open); {@link ClientKitAgainstDistributionIT} proves the suite against CNCF
 * distribution, so a failure against another server is that server's.
 *
 * <p>Each test uses repositories of its own ({@link #repository}), so a registry may be shared by
 * all tests of a class. Podman tests are skipped, naming the reason, where podman cannot run;
 * skopeo, umoci and oras-java must work.
 */
public abstract class OciClientContract {
    /** The big layer: a few MiB of random bytes, so uploads are not a single small request. */
    protected static final int BIG_LAYER_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    protected Path work;

    protected final Random random = new Random();

    /** {@code host:port} of the registry under test (plain HTTP). */
    protected abstract String registryAuthority();

    /** The login every client is given, or null to send none. */
    protected abstract Credentials credentials();

    /**
     * A repository name of this test's own: {@code kit/PURPOSE-RANDOM}. A registry with rules
     * for names (namespaces that must exist, depth) overrides this.
     */
    protected String repository(String purpose) {
        return "kit/" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code docker://AUTHORITY/REPOSITORY:TAG}, a skopeo/podman reference to the registry. */
    protected String docker(String repositoryAndTagOrDigest) {
        return "docker://" + registryAuthority() + "/" + repositoryAndTagOrDigest;
    }

    protected Skopeo skopeo() {
        return Skopeo.in(work.resolve("skopeo"));
    }

    protected OciImage multiLayerImage(String name) {
        return OciLayouts.multiLayer(work.resolve(name), "base", random, BIG_LAYER_BYTES);
    }

    /** Pushes a fresh multi-layer image with skopeo; returns its repository (tag {@code 1}). */
    protected String pushWithSkopeo(Skopeo skopeo, OciImage image, String purpose) {
        String repo = repository(purpose);
        skopeo.copy(image.reference(), docker(repo + ":1"), Skopeo.destRegistry(credentials()));
        return repo;
    }

    @Test
    void skopeoCopiesAMultiLayerImageThereAndBackByteForByte() {
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        ImageManifest local = OciLayouts.manifest(original);
        assertThat(local.layers()).hasSize(4);

        String repo = pushWithSkopeo(skopeo, original, "roundtrip");

        String served = skopeo.inspectRaw(docker(repo + ":1"), Skopeo.registry(credentials()));
        assertThat(served).as("manifest bytes served for the tag").isEqualTo(new String(local.bytes(), StandardCharsets.UTF_8));

        OciImage back = new OciImage(work.resolve("back"), "back");
        skopeo.copy(docker(repo + ":1"), back.reference(), Skopeo.srcRegistry(credentials()));
        OciLayouts.assertSameImage(original, back);
    }

    @Test
    void skopeoPullsByDigestCopiesBetweenRepositoriesAndListsTags() throws IOException {
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        ImageManifest local = OciLayouts.manifest(original);
        String repo = pushWithSkopeo(skopeo, original, "bydigest");

        OciImage byDigest = new OciImage(work.resolve("by-digest"), "d");
        skopeo.copy(docker(repo + "@" + local.digest()), byDigest.reference(), Skopeo.srcRegistry(credentials()));
        OciLayouts.assertSameImage(original, byDigest);

        // registry to registry: a second tag in the same repository, and a second repository (the
        // client checks for / mounts blobs the registry already has)
        skopeo.copy(docker(repo + ":1"), docker(repo + ":2"), Skopeo.bothRegistries(credentials(), credentials()));
        String other = repository("copied");
        skopeo.copy(docker(repo + ":1"), docker(other + ":latest"), Skopeo.bothRegistries(credentials(), credentials()));
        OciImage fromOther = new OciImage(work.resolve("from-other"), "o");
        skopeo.copy(docker(other + ":latest"), fromOther.reference(), Skopeo.srcRegistry(credentials()));
        OciLayouts.assertSameImage(original, fromOther);

        JsonNode tags = JSON.readTree(skopeo.listTags(docker(repo), Skopeo.registry(credentials())));
        assertThat(List.of(JSON.treeToValue(tags.path("Tags"), String[].class))).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void podmanPullsTheImageWithItsLayersAndPushesItBack() {
        String reason = Podman.unavailableReason();
        assumeTrue(reason == null, reason);
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        ImageManifest local = OciLayouts.manifest(original);
        String repo = pushWithSkopeo(skopeo, original, "podman");

        Podman podman = Podman.in(work.resolve("podman"));
        String ref = registryAuthority() + "/" + repo + ":1";
        String imageId = podman.pull("docker://" + ref, Podman.registry(credentials()));
        assertThat("sha256:" + imageId).as("image id = config digest").isEqualTo(local.config().digest());
        assertThat(podman.inspect(ref, "{{.Digest}}")).as("manifest digest").isEqualTo(local.digest());
        assertThat(podman.inspect(ref, "{{range .RootFS.Layers}}{{.}} {{end}}").split(" "))
                .as("uncompressed layer digests").containsExactlyElementsOf(OciLayouts.diffIds(original));

        String pushedRepo = repository("podman-pushed");
        podman.push(ref, docker(pushedRepo + ":1"), Podman.registry(credentials()));
        ImageManifest pushed = OciLayouts.parseManifest(null,
                skopeo.inspectRaw(docker(pushedRepo + ":1"), Skopeo.registry(credentials())).getBytes(StandardCharsets.UTF_8));
        assertThat(pushed.config().digest()).as("same image config").isEqualTo(local.config().digest());
        assertThat(pushed.layers()).hasSameSizeAs(local.layers());
        OciImage back = new OciImage(work.resolve("podman-back"), "back");
        skopeo.copy(docker(pushedRepo + ":1"), back.reference(), Skopeo.srcRegistry(credentials())); // digests checked
        assertThat(OciLayouts.diffIds(back)).isEqualTo(OciLayouts.diffIds(original));
    }

    @Test
    void orasJavaPushesAndPullsASifArtifact() throws IOException {
        Path sif = sif("artifact.sif", 1024 * 1024 + random.nextInt(4096));
        String repo = repository("oras");
        try (OrasClient oras = new OrasClient(registryAuthority(), credentials())) {
            Manifest pushed = oras.pushSifArtifact(repo + ":1.0", sif);
            assertThat(pushed.getLayers()).singleElement().satisfies(l -> {
                assertThat(l.getMediaType()).isEqualTo(OrasClient.SIF_LAYER_MEDIA_TYPE);
                assertThat(l.getDigest()).isEqualTo(OciLayouts.sha256(sif));
            });

            Path out = Files.createDirectories(work.resolve("pulled"));
            oras.pull(repo + ":1.0", out);
            assertThat(out.resolve("artifact.sif")).hasSameBinaryContentAs(sif);
        }
        // and another client sees the same manifest
        ImageManifest served = servedManifest(repo + ":1.0");
        assertThat(served.config().mediaType()).isEqualTo(OrasClient.SIF_CONFIG_MEDIA_TYPE);
        assertThat(served.layers()).singleElement().isEqualTo(new OciLayouts.Descriptor(
                OrasClient.SIF_LAYER_MEDIA_TYPE, OciLayouts.sha256(sif), Files.size(sif)));
    }

    @Test
    void anApptainerShapedSifManifestRoundTrips() throws IOException {
        Path sif = sif("image.sif", 256 * 1024);
        String repo = repository("apptainer");
        try (OrasClient oras = new OrasClient(registryAuthority(), credentials())) {
            oras.pushSifLikeApptainer(repo + ":latest", sif);

            JsonNode served = JSON.readTree(skopeo().inspectRaw(docker(repo + ":latest"), Skopeo.registry(credentials())));
            assertThat(served.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(served.has("artifactType")).isFalse();
            assertThat(served.path("config").path("mediaType").asText()).isEqualTo(OrasClient.SIF_CONFIG_MEDIA_TYPE);
            assertThat(served.path("config").path("digest").asText())
                    .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
            assertThat(served.path("config").path("size").asLong()).isEqualTo(2);
            JsonNode layer = served.path("layers").path(0);
            assertThat(served.path("layers")).hasSize(1);
            assertThat(layer.path("mediaType").asText()).isEqualTo(OrasClient.SIF_LAYER_MEDIA_TYPE);
            assertThat(layer.path("digest").asText()).isEqualTo(OciLayouts.sha256(sif));
            assertThat(layer.path("annotations").path(OrasClient.TITLE).asText()).isEqualTo("image.sif");

            assertThat(oras.blob(repo, OciLayouts.sha256(sif))).isEqualTo(Files.readAllBytes(sif));
            Path out = Files.createDirectories(work.resolve("pulled"));
            oras.pull(repo + ":latest", out);
            assertThat(out.resolve("image.sif")).hasSameBinaryContentAs(sif);
        }
    }

    @Test
    void withoutTheLoginNothingIsPushedOrPulled() {
        assumeTrue(credentials() != null, "the registry under test is open");
        Skopeo skopeo = skopeo();
        OciImage original = multiLayerImage("original");
        String repo = pushWithSkopeo(skopeo, original, "private");

        Cli.Result anonymousPull = skopeo.run(List.of("inspect", "--raw", "--tls-verify=false", docker(repo + ":1")));
        assertThat(anonymousPull.succeeded()).as(anonymousPull.describe()).isFalse();
        assertThat(anonymousPull.err()).containsIgnoringCase("unauthorized");

        Cli.Result anonymousPush = skopeo.run(List.of("copy", "--dest-tls-verify=false",
                original.reference(), docker(repository("anonymous") + ":1")));
        assertThat(anonymousPush.succeeded()).as(anonymousPush.describe()).isFalse();

        Credentials wrong = new Credentials(credentials().username(), credentials().password() + "-wrong");
        Cli.Result wrongPassword = skopeo.run(List.of("inspect", "--raw", "--tls-verify=false",
                "--creds", wrong.colonForm(), docker(repo + ":1")));
        assertThat(wrongPassword.succeeded()).as(wrongPassword.describe()).isFalse();

        // oras-java keeps Bearer tokens in one JVM-wide cache keyed by registry host:port, service and
        // scopes, not by login: against a token-auth registry an anonymous client would reuse the
        // token an authenticated one got earlier. Basic (sent preemptively) is not cached.
        try (OrasClient anonymous = new OrasClient(registryAuthority(), null)) {
            assertThatThrownBy(() -> anonymous.manifest(repo + ":1"))
                    .isInstanceOfSatisfying(land.oras.exception.OrasException.class,
                            e -> assertThat(e.getStatusCode()).as(e.getMessage()).isIn(401, 403));
        }
    }

    /** A real (small) SIF file whose primary partition is {@code payloadBytes} random bytes. */
    protected Path sif(String name, int payloadBytes) throws IOException {
        byte[] payload = new byte[payloadBytes];
        random.nextBytes(payload);
        Path file = Files.createDirectories(work.resolve("sif")).resolve(name);
        SifWriter.write(file, payload);
        return file;
    }

    /** The manifest as skopeo reads it from the registry. */
    protected ImageManifest servedManifest(String repositoryAndTag) {
        String raw = skopeo().inspectRaw(docker(repositoryAndTag), Skopeo.registry(credentials()));
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        return OciLayouts.parseManifest(OciLayouts.sha256(bytes), bytes);
    }
}
