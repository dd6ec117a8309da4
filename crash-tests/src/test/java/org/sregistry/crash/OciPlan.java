package org.sregistry.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.sregistry.registry.sif.SifWriter;

/**
 * The bytes of one OCI push: the blobs in upload order (config first), how each one is uploaded, and the manifest
 * naming them.
 *
 * @param blobs  the blobs' bytes
 * @param styles how each blob goes up
 * @param push   the manifest's exact bytes and what it names
 */
record OciPlan(List<byte[]> blobs, List<Style> styles, OciTag.Push push) {
    /** How a blob is uploaded. */
    enum Style {
        /** {@code POST ?digest=} with the whole blob (the config as both clients send it). */
        MONOLITHIC,
        /** {@code POST}, one {@code PATCH} with the whole blob, {@code PUT ?digest=} (Apptainer). */
        SINGLE_PATCH,
        /** {@code POST}, {@code PATCH}es of {@link #CHUNK} bytes with {@code Content-Range}, {@code PUT ?digest=} (the library client). */
        CHUNKED
    }

    /** The library client sends 5 MiB chunks; smaller ones give the same requests on smaller blobs. */
    static final int CHUNK = 256 << 10;
    static final String SIF_CONFIG = "application/vnd.sylabs.sif.config.v1+json";
    static final String SIF_LAYER = "application/vnd.sylabs.sif.layer.v1.sif";
    static final String PLAIN_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String PLAIN_LAYER = "application/vnd.crash.blob.v1+octets";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * A SIF pushed as Apptainer ({@code SINGLE_PATCH}) or the library client ({@code CHUNKED}) does: config {@code {}},
     * one SIF layer, Apptainer's manifest.
     */
    static OciPlan sif(Random rng, Path scratch, String tag, Style layerStyle) throws IOException {
        int size = layerStyle == Style.CHUNKED ? (1 << 20) + rng.nextInt(2 << 20) : (64 << 10) + rng.nextInt(1 << 20);
        byte[] payload = new byte[size];
        rng.nextBytes(payload);
        Path file = scratch.resolve(UUID.randomUUID() + ".sif");
        Instant created = Instant.ofEpochSecond(1_700_000_000L + rng.nextInt(1 << 20));
        SifWriter.write(file, payload, "amd64", created, new UUID(rng.nextLong(), rng.nextLong()));
        byte[] sif = Files.readAllBytes(file);
        Files.delete(file);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        String layer = Digests.of(sif);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OciApi.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + SIF_CONFIG + "\",\"size\":" + config.length
                + ",\"digest\":\"" + Digests.of(config) + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + SIF_LAYER + "\",\"size\":" + sif.length
                + ",\"digest\":\"" + layer + "\",\"annotations\":{\"org.opencontainers.image.title\":\"sif_" + tag
                + ".sif\"}}],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"" + RFC3339.format(created) + "\"}}";
        return of(List.of(config, sif), List.of(Style.MONOLITHIC, layerStyle), json, layer);
    }

    /** Plain OCI content: a small JSON config and one or two layers of random bytes of a made-up media type. */
    static OciPlan plain(Random rng, int cycle, int op) {
        byte[] config = ("{\"crash\":{\"cycle\":" + cycle + ",\"op\":" + op + ",\"n\":" + rng.nextInt(1 << 30) + "}}")
                .getBytes(StandardCharsets.UTF_8);
        List<byte[]> blobs = new ArrayList<>(List.of(config));
        List<Style> styles = new ArrayList<>(List.of(Style.MONOLITHIC));
        StringBuilder layers = new StringBuilder();
        int count = 1 + rng.nextInt(2);
        for (int i = 0; i < count; i++) {
            byte[] layer = new byte[(16 << 10) + rng.nextInt(512 << 10)];
            rng.nextBytes(layer);
            blobs.add(layer);
            styles.add(Style.values()[rng.nextInt(Style.values().length)]);
            layers.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(PLAIN_LAYER).append("\",\"size\":")
                    .append(layer.length).append(",\"digest\":\"").append(Digests.of(layer)).append("\"}");
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OciApi.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + PLAIN_CONFIG + "\",\"size\":" + config.length + ",\"digest\":\"" + Digests.of(config) + "\"},"
                + "\"layers\":[" + layers + "]}";
        return of(blobs, styles, json, null);
    }

    private static OciPlan of(List<byte[]> blobs, List<Style> styles, String json, String sifLayer) {
        byte[] manifest = json.getBytes(StandardCharsets.UTF_8);
        List<OciTag.Blob> named = blobs.stream().map(b -> new OciTag.Blob(Digests.of(b), b.length)).toList();
        return new OciPlan(List.copyOf(blobs), List.copyOf(styles),
                new OciTag.Push(Digests.of(manifest), manifest, named, sifLayer));
    }
}
