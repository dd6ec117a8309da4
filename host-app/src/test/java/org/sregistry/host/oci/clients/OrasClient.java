package org.sregistry.host.oci.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.Registry;

/**
 * oras-java ({@code land.oras:oras-java-sdk} 0.7.0) against one plain-HTTP registry, pushing and
 * pulling SIF files with Apptainer's media types.
 *
 * <p>Notes on 0.7.0: {@code Registry.builder().insecure()} means http and also <em>resets the auth
 * provider to none</em>, so credentials go after it ({@code .insecure().defaults(user, pass)});
 * a {@code UsernamePasswordProvider} sends {@code Authorization: Basic} preemptively on every
 * request; on a 401/403 it only understands {@code WWW-Authenticate: Bearer
 * realm="..",service="..",scope=".."} (exactly that order, no spaces) and fails on anything else,
 * a Basic challenge included. {@code getBlob} mangles binary blobs (see {@link #blob}). Its default executor has non-daemon threads, so this class brings a
 * daemon one and shuts it down in {@link #close()}.
 */
public final class OrasClient implements AutoCloseable {
    public static final String SIF_CONFIG_MEDIA_TYPE = "application/vnd.sylabs.sif.config.v1+json";
    public static final String SIF_LAYER_MEDIA_TYPE = "application/vnd.sylabs.sif.layer.v1.sif";
    public static final String TITLE = "org.opencontainers.image.title";
    public static final String CREATED = "org.opencontainers.image.created";

    private final String authority;
    private final ExecutorService executor;
    private final Registry registry;

    /**
     * @param authority {@code host:port} of the registry, spoken to over plain HTTP
     * @param credentials the login, or null for anonymous requests
     */
    public OrasClient(String authority, Credentials credentials) {
        this.authority = authority;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "oras-transfer");
            t.setDaemon(true);
            return t;
        });
        Registry.Builder builder = Registry.builder().insecure();
        if (credentials != null) {
            builder = builder.defaults(credentials.username(), credentials.password());
        }
        this.registry = builder.withExecutorService(executor).build();
    }

    /**
     * A client whose Authorization headers come from {@code auth} (for instance
     * {@link OrasTokenFlow}, or oras-java's {@code BearerTokenProvider} holding an API token),
     * given after {@code insecure()}, which would reset it.
     */
    public static OrasClient withAuthProvider(String authority, land.oras.auth.AuthProvider auth) {
        return new OrasClient(authority, builder -> builder.withAuthProvider(auth));
    }

    private OrasClient(String authority, java.util.function.UnaryOperator<Registry.Builder> auth) {
        this.authority = authority;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "oras-transfer");
            t.setDaemon(true);
            return t;
        });
        this.registry = auth.apply(Registry.builder().insecure()).withExecutorService(executor).build();
    }

    /** {@code AUTHORITY/REPOSITORY:TAG} (or {@code @DIGEST}) as an oras reference. */
    public ContainerRef ref(String repositoryAndTag) {
        return ContainerRef.parse(authority + "/" + repositoryAndTag);
    }

    /** The oras-java library object itself, for calls this class does not wrap. */
    public Registry registry() {
        return registry;
    }

    /**
     * {@code pushArtifact}, oras's own way: artifactType and config media type the SIF config
     * type, config {@code {}}, one layer of media type {@link #SIF_LAYER_MEDIA_TYPE} titled with
     * the file name, a created annotation.
     */
    public Manifest pushSifArtifact(String repositoryAndTag, Path sif) {
        return registry.pushArtifact(ref(repositoryAndTag), ArtifactType.from(SIF_CONFIG_MEDIA_TYPE),
                Annotations.empty(), Config.empty().withMediaType(SIF_CONFIG_MEDIA_TYPE),
                LocalPath.of(sif, SIF_LAYER_MEDIA_TYPE));
    }

    /**
     * The manifest {@code apptainer push oras://...} writes (Apptainer's internal/pkg/client/oras
     * image.go): OCI image manifest, no artifactType, config of the SIF config media type holding
     * {@code {}} (digest sha256:44136fa3..., size 2, inlined as data {@code e30=}), one layer of
     * {@link #SIF_LAYER_MEDIA_TYPE} titled with the file name, and a created annotation.
     */
    public Manifest pushSifLikeApptainer(String repositoryAndTag, Path sif) {
        ContainerRef ref = ref(repositoryAndTag);
        Config config = Config.empty().withMediaType(SIF_CONFIG_MEDIA_TYPE);
        registry.pushConfig(ref, config);
        Layer layer = registry.pushBlob(ref, sif, Map.of(TITLE, sif.getFileName().toString()))
                .withMediaType(SIF_LAYER_MEDIA_TYPE);
        Manifest manifest = Manifest.empty().withConfig(config).withLayers(List.of(layer))
                .withAnnotations(Map.of(CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        return registry.pushManifest(ref, manifest);
    }

    /** {@code pullArtifact}: writes each titled layer into {@code folder} (which must exist) under its title. */
    public void pull(String repositoryAndTag, Path folder) {
        registry.pullArtifact(ref(repositoryAndTag), folder, true);
    }

    /** The manifest (HEAD then GET on /v2/REPO/manifests/REF). */
    public Manifest manifest(String repositoryAndTag) {
        return registry.getManifest(ref(repositoryAndTag));
    }

    /**
     * A blob's bytes from {@code repository} (GET /v2/REPO/blobs/DIGEST), checked against
     * {@code digest} here. Not {@code Registry.getBlob}: 0.7.0 reads that body into a UTF-8 String
     * and back, which mangles binary blobs (it then fails on Docker-Content-Digest, or returns
     * the mangled bytes where the header is missing); {@code fetchBlob} streams.
     */
    public byte[] blob(String repository, String digest) {
        try (InputStream in = registry.fetchBlob(ref(repository + "@" + digest))) {
            byte[] bytes = in.readAllBytes();
            String actual = OciLayouts.sha256(bytes);
            if (!actual.equals(digest)) {
                throw new AssertionError("blob " + digest + " of " + repository + " came back as " + actual);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
