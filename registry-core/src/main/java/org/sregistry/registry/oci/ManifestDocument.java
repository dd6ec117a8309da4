package org.sregistry.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the registry reads from a pushed manifest or index: its type, what it refers to, its
 * subject and artifact type. The bytes themselves are stored unchanged; this is only a reading.
 *
 * @param mediaType    the manifest's media type (from its body, else the request's Content-Type)
 * @param artifactType {@code artifactType}, else the config's media type (what the referrers API reports)
 * @param config       the config descriptor (image manifests), or null
 * @param layers       the layer descriptors (image manifests)
 * @param manifests    the manifest descriptors (indexes)
 * @param subject      the subject's digest, or null
 */
public record ManifestDocument(String mediaType, String artifactType, Descriptor config, List<Descriptor> layers,
                               List<Descriptor> manifests, String subject) {
    /** Strict: trailing bytes after the document and duplicate keys are refused (readers would disagree on them). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A content descriptor. */
    public record Descriptor(String mediaType, String digest, long size, String architecture) {
    }

    /**
     * Reads {@code bytes}.
     *
     * @param contentType the request's Content-Type, without parameters (may be null)
     * @throws OciException MANIFEST_INVALID naming what is wrong
     */
    public static ManifestDocument parse(byte[] bytes, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw invalid("the manifest is not valid JSON" + (e.getMessage() != null && e.getMessage().contains("Duplicate")
                    ? " (a key appears twice)" : ""));
        }
        if (root == null || !root.isObject()) {
            throw invalid("the manifest is not a JSON object");
        }
        String bodyType = text(root, "mediaType");
        if (MediaTypes.DOCKER_SCHEMA1.equals(contentType) || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(contentType)
                || root.path("schemaVersion").asInt() == 1) {
            throw new OciException(OciError.MANIFEST_INVALID, 415,
                    "Docker schema 1 manifests are not supported; push schema 2 or OCI");
        }
        if (root.path("schemaVersion").asInt() != 2) {
            throw invalid("schemaVersion must be 2");
        }
        String type = bodyType != null ? bodyType : contentType;
        if (type == null) {
            type = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        if (bodyType != null && contentType != null && !bodyType.equals(contentType)
                && MediaTypes.isManifest(contentType)) {
            throw invalid("the manifest's mediaType " + bodyType + " differs from its Content-Type " + contentType);
        }
        if (!MediaTypes.isManifest(type)) {
            throw new OciException(OciError.MANIFEST_INVALID, 415, "unsupported manifest media type " + type);
        }
        String subject = root.hasNonNull("subject") ? descriptor(root.get("subject"), "subject").digest() : null;
        if (MediaTypes.INDEXES.contains(type)) {
            JsonNode list = root.path("manifests");
            if (!list.isArray()) {
                throw invalid("an index needs a 'manifests' array");
            }
            List<Descriptor> manifests = new ArrayList<>();
            for (JsonNode m : list) {
                manifests.add(descriptor(m, "manifests[]"));
            }
            return new ManifestDocument(type, text(root, "artifactType"), null, List.of(), List.copyOf(manifests), subject);
        }
        if (!root.hasNonNull("config")) {
            throw invalid("an image manifest needs a 'config' descriptor");
        }
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> layers = new ArrayList<>();
        JsonNode list = root.path("layers");
        if (!list.isMissingNode() && !list.isArray()) {
            throw invalid("'layers' must be an array");
        }
        for (JsonNode l : list) {
            layers.add(descriptor(l, "layers[]"));
        }
        String artifactType = text(root, "artifactType");
        return new ManifestDocument(type, artifactType != null ? artifactType : config.mediaType(), config,
                List.copyOf(layers), List.of(), subject);
    }

    /** True when this is one SIF file as Apptainer pushes and pulls it: exactly one SIF layer. */
    public boolean isSif() {
        return layers.size() == 1 && MediaTypes.isSifLayer(layers.get(0).mediaType());
    }

    /** Digests this manifest needs in its repository: config and layers, or an index's manifests. */
    public List<String> references() {
        List<String> refs = new ArrayList<>();
        if (config != null) {
            refs.add(config.digest());
        }
        layers.forEach(l -> refs.add(l.digest()));
        manifests.forEach(m -> refs.add(m.digest()));
        return refs;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where + " is not a descriptor object");
        }
        String mediaType = text(node, "mediaType");
        String digest = text(node, "digest");
        if (digest == null) {
            throw invalid(where + " has no digest");
        }
        try {
            OciNames.digest(digest);
        } catch (OciException e) {
            throw invalid(where + ": " + e.getMessage());
        }
        JsonNode size = node.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw invalid(where + " " + digest + " has no valid size");
        }
        String arch = node.path("platform").path("architecture").asText(null);
        return new Descriptor(mediaType, digest, size.asLong(), arch);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static OciException invalid(String message) {
        return new OciException(OciError.MANIFEST_INVALID, message);
    }
}
