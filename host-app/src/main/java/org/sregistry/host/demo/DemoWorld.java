package org.sregistry.host.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sregistry.globussim.EndpointSpec;
import org.sregistry.globussim.GlobusSimulator;
import org.sregistry.registry.sif.SifWriter;

/**
 * The demo's pretend Globus world, set up as a research centre's shared registry would be: the registry's own
 * collection is a <b>guest collection</b> over the staging folder, owned by the registry's service identity
 * ({@link #SERVICE}), so that every user's Send or Bring runs as their own Globus identity with an access rule on
 * that transfer's folder (the plugin's guest mode, {@code PLUGIN_GLOBUS_SHARING=auto}); a cluster scratch endpoint the
 * admin owns and shares with the two researchers; and a lab share someone else shares with the admin. Each holds
 * folders and small real SIF files generated here (nothing is downloaded). Ids are fixed so a restarted demo finds the
 * same world.
 */
public final class DemoWorld {
    /** The registry's own endpoint: a guest collection owned by {@link #SERVICE}. */
    public static final String REGISTRY_ENDPOINT = "5a1e0c37-6f0e-4b8e-9f4e-0d5c2b1f7a01";
    /** "Demo HPC cluster scratch" (the admin's; shared with the researchers). */
    public static final String CLUSTER_ENDPOINT = "8c3f6d52-2a47-4d1b-b0f3-6e9a1c4d2e02";
    /** "Demo lab share" (shared-with-me). */
    public static final String LAB_ENDPOINT = "b7d94e61-9c28-4f3a-8e15-3f2a7c6b1d03";
    /** The registry's own Globus identity (its service connection): owns the registry's guest collection. */
    public static final String SERVICE = "registry-svc@example.org";
    /** The colleague who owns the lab share. */
    public static final String LAB_OWNER = "lab-pi@example.edu";
    /** A researcher with no registry account yet: "Sign in with Globus" in the demo. */
    public static final String RESEARCHER = "alice@example.edu";
    /** A second researcher, for a second registry user's own Globus identity. */
    public static final String SECOND_RESEARCHER = "bob@example.edu";
    /** The simulator identities one can pick on its sign-in page (the admin's Globus identity first). */
    public static final java.util.List<String> SIGN_IN_IDENTITIES = java.util.List.of(
            org.sregistry.globussim.SimulatorConfig.DEFAULT_USERNAME, RESEARCHER, SECOND_RESEARCHER, LAB_OWNER);

    private DemoWorld() {
    }

    /** Creates (or refreshes) identities, endpoints and their files. */
    public static void seed(GlobusSimulator sim, Path dataDir, Path stagingDir) throws IOException {
        org.sregistry.registry.files.OwnerOnly.folder(stagingDir); // like the rest of the data dir
        Path cluster = dataDir.resolve("demo-endpoints").resolve("cluster-scratch");
        Path lab = dataDir.resolve("demo-endpoints").resolve("lab-share");
        sif(cluster.resolve("projects/genomics/lolcow_latest.sif"), "lolcow", "2025-11-02T09:30:00Z");
        sif(cluster.resolve("projects/genomics/samtools_1.17.sif"), "samtools", "2025-10-14T15:10:00Z");
        sif(cluster.resolve("scratch/alice/pytorch-2.3.sif"), "pytorch", "2025-09-20T08:00:00Z");
        sif(cluster.resolve("scratch/alice/tensorflow_2.16.sif"), "tensorflow", "2025-09-22T08:00:00Z");
        sif(cluster.resolve("scratch/bob/fastqc_0.12.sif"), "fastqc", "2025-09-25T08:00:00Z");
        Files.writeString(cluster.resolve("scratch/alice/README.txt"), "Alice's scratch space.\n");
        sif(lab.resolve("images/bioinformatics/blast_2.14.sif"), "blast", "2025-08-01T12:00:00Z");
        sif(lab.resolve("images/chemistry/gromacs_2024.sif"), "gromacs", "2025-07-11T12:00:00Z");

        sim.createIdentity(SERVICE);
        sim.createIdentity(LAB_OWNER);
        sim.createIdentity(RESEARCHER);
        sim.createIdentity(SECOND_RESEARCHER);
        // the registry's collection: a guest collection whose root is the staging folder, owned (administered) by the
        // registry's service identity, which gives each transfer's user an access rule on that transfer's folder
        sim.createGuestCollection(EndpointSpec.guest("Registry staging (demo)", null, "/").id(REGISTRY_ENDPOINT)
                .owner(SERVICE).root(stagingDir).organization("Demo Registry")
                .description("The registry's own Globus collection: a guest collection of its service identity")
                .defaultDirectory("/"));
        // the registry's administrator may look at the whole collection (read only), as a centre would allow
        String admin = sim.defaultIdentityId();
        if (sim.accessRules(REGISTRY_ENDPOINT).stream()
                .noneMatch(r -> admin.equals(r.principal) && "/".equals(r.path))) {
            sim.addAccessRule(REGISTRY_ENDPOINT, sim.defaultUsername(), "/", "r");
        }
        sim.createEndpoint(EndpointSpec.named("Demo HPC cluster scratch").id(CLUSTER_ENDPOINT).root(cluster)
                .sharedWith(RESEARCHER, SECOND_RESEARCHER)
                .organization("Demo University HPC").department("Research Computing")
                .contactEmail("hpc-help@example.edu").description("Scratch file system of the demo cluster")
                .entityType("GCSv5_mapped_collection").defaultDirectory("/~/"));
        sim.createEndpoint(EndpointSpec.named("Demo lab share").id(LAB_ENDPOINT).root(lab).owner(LAB_OWNER)
                .sharedWith(sim.defaultUsername()).organization("Demo Structural Biology Lab")
                .contactEmail(LAB_OWNER).description("Images the lab shares with collaborators")
                .entityType("GCSv5_guest_collection").defaultDirectory("/~/"));
    }

    /** Small images added to an empty registry, as name → file. */
    public static Map<String, Path> registryImages(Path dir) throws IOException {
        Map<String, Path> images = new LinkedHashMap<>();
        images.put("library/alpine:3.19", sif(dir.resolve("alpine_3.19.sif"), "alpine", "2025-06-01T10:00:00Z"));
        images.put("demo/hello-world:latest", sif(dir.resolve("hello-world.sif"), "hello", "2025-06-15T10:00:00Z"));
        images.put("demo/r-base:4.4", sif(dir.resolve("r-base_4.4.sif"), "r-base", "2025-05-20T10:00:00Z"));
        return images;
    }

    /** A real SIF file of about 1–2 MiB, so transfers show progress for a moment. */
    private static Path sif(Path file, String seed, String created) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        byte[] payload = new byte[(1 << 20) + Math.abs(seed.hashCode() % (1 << 20))];
        java.util.Random random = new java.util.Random(seed.hashCode());
        random.nextBytes(payload);
        SifWriter.write(file, payload, "amd64", Instant.parse(created),
                UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return file;
    }
}
