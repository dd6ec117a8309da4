package org.sregistry.registry.oci;

import java.util.Set;

/** The media types the OCI API knows by name. */
public final class MediaTypes {
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker image manifest v2 schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list. */
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Docker schema 1 (refused: signed, deprecated, and no client we serve sends it). */
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    /** Docker schema 1, signed. */
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    /** The config of a SIF pushed by Apptainer or the library client. */
    public static final String SIF_CONFIG = "application/vnd.sylabs.sif.config.v1+json";
    /** The one layer of a SIF artifact. */
    public static final String SIF_LAYER = "application/vnd.sylabs.sif.layer.v1.sif";
    /** The misspelt layer type old Apptainer versions pushed; Apptainer still accepts it. */
    public static final String SIF_LAYER_LEGACY = "appliciation/vnd.sylabs.sif.layer.tar";

    /** Manifests that name a config and layers. */
    public static final Set<String> IMAGE_MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    /** Manifests that list other manifests. */
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

    private MediaTypes() {
    }

    /** True for any manifest type this registry stores. */
    public static boolean isManifest(String type) {
        return IMAGE_MANIFESTS.contains(type) || INDEXES.contains(type);
    }

    /** True for a SIF layer (either spelling). */
    public static boolean isSifLayer(String type) {
        return SIF_LAYER.equals(type) || SIF_LAYER_LEGACY.equals(type);
    }

    /** {@code type} without parameters ({@code ; charset=...}), or null. */
    public static String bare(String type) {
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    }
}
