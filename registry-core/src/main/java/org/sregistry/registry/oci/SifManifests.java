package org.sregistry.registry.oci;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.sregistry.api.ImageName;
import org.sregistry.registry.images.ImageNameHooks;

/**
 * Registry images and OCI manifests in step. A registry image {@code collection/name:tag} is the
 * tag {@code tag} of repository {@code collection/name}; the manifest served for it is the one
 * pushed with it, or one made once for an image that came another way (upload, Globus) and kept,
 * so every pull sees the same digest. When the image is replaced or removed through any API, its
 * manifest goes with it (unless something else still names that manifest), and an OCI tag of the
 * same name gives way to the image.
 */
public final class SifManifests implements ImageNameHooks {
    /** The metadata key that records which manifest an image was pushed with. */
    public static final String MANIFEST_METADATA = "oci.manifest";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public void pointed(Handle h, long imageId, ImageName name, String digest) {
        String repository = name.collection() + "/" + name.name();
        OciTables.deleteTag(h, repository, name.tag());
        dropImageManifest(h, imageId, repository);
    }

    @Override
    public void removing(Handle h, long imageId, ImageName name) {
        dropImageManifest(h, imageId, name.collection() + "/" + name.name());
    }

    /** Forgets which manifest the image had; deletes that manifest when nothing else names it. */
    static void dropImageManifest(Handle h, long imageId, String repository) {
        Optional<OciTables.ImageManifest> old = OciTables.imageManifest(h, imageId);
        OciTables.deleteImageManifest(h, imageId);
        if (old.isPresent() && !stillNamed(h, repository, old.get().digest())) {
            OciTables.deleteManifest(h, repository, old.get().digest());
        }
    }

    private static boolean stillNamed(Handle h, String repository, String digest) {
        String[] parts = repository.split("/", 2);
        return !OciTables.imagesWithManifest(h, parts[0], parts[1], digest).isEmpty()
                || h.createQuery("SELECT COUNT(*) FROM oci_tags WHERE repository = :r AND digest = :d")
                        .bind("r", repository).bind("d", digest).mapTo(Long.class).one() > 0
                || h.createQuery("SELECT COUNT(*) FROM oci_manifest_refs WHERE repository = :r AND ref_digest = :d")
                        .bind("r", repository).bind("d", digest).mapTo(Long.class).one() > 0;
    }

    /**
     * The config made for an image that arrived without one. Apptainer's oras pull ignores the
     * config; the library client's pull checks {@code architecture} and {@code rootfs}, so both are given.
     */
    static byte[] configFor(String arch, String layerDigest) {
        return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":\"" + layerDigest + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The manifest made for an image, as Apptainer pushes one (field order mediaType, size, digest,
     * as go-containerregistry writes them). Deterministic: the same image always gives the same bytes.
     */
    static byte[] manifestFor(ImageName name, String layerDigest, long layerSize, Instant created,
                              String configDigest, long configSize) {
        String title = name.name() + "_" + name.tag() + ".sif";
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + MediaTypes.SIF_CONFIG + "\",\"size\":" + configSize
                + ",\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.SIF_LAYER + "\",\"size\":" + layerSize
                + ",\"digest\":\"" + layerDigest + "\",\"annotations\":{\"org.opencontainers.image.title\":\""
                + title + "\"}}],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"" + RFC3339.format(created) + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
