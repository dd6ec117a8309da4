package org.sregistry.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.registry.MutableClock;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.TestFiles;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.images.ImagePolicy;
import org.sregistry.registry.images.JdbcRegistryService;

/**
 * The storage clean-up on the real store (SQLite, and PostgreSQL in the {@code postgresql-tests}
 * execution): what it removes after the grace period, what it never removes, and that a dry run
 * reports exactly what a run then removes. Time moves by hand; upload files get their modification
 * times from the real clock, so the test clock starts at the real now.
 */
class GarbageCollectorTest {
    private static final Duration GRACE = Duration.ofHours(24);
    private static final String REPO = "team/app";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private Database db;
    private JdbcRegistryService registry;
    private OciStore oci;
    private GarbageCollector gc;

    @BeforeEach
    void open() {
        db = TestDatabases.open(dataDir);
        openStore(clock);
    }

    private void openStore(Clock storeClock) {
        registry = new JdbcRegistryService(db, dataDir, storeClock, 1 << 24, ImagePolicy.anyFile(), new SifManifests());
        oci = new OciStore(db, registry, storeClock, () -> 0L);
        gc = new GarbageCollector(db, registry, oci, storeClock, GRACE);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    // ---- upload sessions and upload files

    @Test
    void anAbandonedUploadSessionIsRemovedAfterTheGraceAndKeptBefore() throws Exception {
        String id = oci.startUpload(REPO);
        oci.appendChunk(REPO, id, 0, 3, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        Path file = uploadsFolder().resolve(id);

        assertThat(gc.run(false).uploadSessions()).isZero();
        clock.advance(Duration.ofHours(23));
        GarbageCollector.Report before = gc.run(false);
        assertThat(before.uploadSessions()).isZero();
        assertThat(before.nothingRemoved()).isTrue();
        assertThat(oci.uploadSize(REPO, id)).isEqualTo(3);

        clock.advance(Duration.ofHours(2));
        GarbageCollector.Report after = gc.run(false);
        assertThat(after.uploadSessions()).isEqualTo(1);
        assertThat(after.uploadBytes()).isEqualTo(3);
        assertThat(after.items()).containsExactly(new GarbageCollector.Item(GarbageCollector.Kind.UPLOAD_SESSION,
                REPO, id, 3));
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> oci.uploadSize(REPO, id)).isInstanceOf(OciException.class)
                .hasMessageContaining("no upload session");
        assertThat(rows("oci_uploads")).isZero();
    }

    @Test
    void aSessionThatReceivesChunksStaysAndFinishesIntoAStoredBlob() throws Exception {
        byte[] content = TestFiles.bytes(5000, 1);
        String digest = TestFiles.sha256(content);
        String id = oci.startUpload(REPO);
        oci.appendChunk(REPO, id, 0, 2000, new ByteArrayInputStream(content, 0, 2000));
        clock.advance(Duration.ofHours(20));
        oci.appendChunk(REPO, id, 2000, 2000, new ByteArrayInputStream(content, 2000, 2000));
        clock.advance(Duration.ofHours(20)); // 40 h since it was opened, 20 h since its last chunk

        assertThat(gc.run(false).nothingRemoved()).isTrue();
        OciStore.Blob blob = oci.finishUpload(REPO, id, digest, new ByteArrayInputStream(content, 4000, 1000));
        assertThat(TestFiles.sha256(blob.file())).isEqualTo(digest);
        assertThat(gc.run(false).nothingRemoved()).as("the new link is within the grace period").isTrue();
        assertThat(oci.blob(REPO, digest)).isPresent();
    }

    @Test
    void uploadFilesWithoutASessionGoOnceOldAndOtherFilesStay() throws Exception {
        Path orphan = uploadsFolder().resolve(UUID.randomUUID().toString());
        Files.write(orphan, new byte[7]);
        Path notOurs = uploadsFolder().resolve("README");
        Files.write(notOurs, new byte[1]);
        old(notOurs);

        assertThat(gc.run(false).orphanUploadFiles()).as("young: a session may be opening it").isZero();
        old(orphan);
        GarbageCollector.Report report = gc.run(false);
        assertThat(report.orphanUploadFiles()).isEqualTo(1);
        assertThat(report.uploadBytes()).isEqualTo(7);
        assertThat(orphan).doesNotExist();
        assertThat(notOurs).exists();
    }

    // ---- links and blobs

    @Test
    void aLinkNoManifestUsesGoesAfterTheGraceAndTheBlobsBytesWithIt() throws Exception {
        byte[] content = TestFiles.bytes(4096, 2);
        String digest = TestFiles.sha256(content);
        oci.putBlob(REPO, digest, new ByteArrayInputStream(content));
        Path file = registry.blobStore().path(digest);

        clock.advance(Duration.ofHours(23));
        assertThat(gc.run(false).nothingRemoved()).isTrue();
        assertThat(file).exists();

        clock.advance(Duration.ofHours(2));
        GarbageCollector.Report report = gc.run(false);
        assertThat(report.links()).isEqualTo(1);
        assertThat(report.blobs()).isEqualTo(1);
        assertThat(report.blobBytes()).isEqualTo(4096);
        assertThat(report.items()).containsExactly(
                new GarbageCollector.Item(GarbageCollector.Kind.LINK, REPO, digest, 0),
                new GarbageCollector.Item(GarbageCollector.Kind.BLOB, null, digest, 4096));
        assertThat(file).doesNotExist();
        assertThat(oci.blob(REPO, digest)).isEmpty();
        assertThat(rows("blobs")).isZero();
        assertThat(gc.run(false).nothingRemoved()).isTrue();
    }

    @Test
    void blobsAManifestUsesStayAndGoOnlyAfterTheManifestIsDeleted() throws Exception {
        Pushed pushed = push(REPO, "v1", 3);
        byte[] unused = TestFiles.bytes(100, 4);
        oci.putBlob(REPO, TestFiles.sha256(unused), new ByteArrayInputStream(unused));
        // the same layer linked in a second repository that has no manifest using it
        oci.mount("other/place", REPO, pushed.layer());

        clock.advance(Duration.ofHours(25));
        GarbageCollector.Report report = gc.run(false);
        assertThat(report.links()).as("the unused blob's link and the mount's").isEqualTo(2);
        assertThat(report.items()).contains(
                new GarbageCollector.Item(GarbageCollector.Kind.LINK, "other/place", pushed.layer(), 0),
                new GarbageCollector.Item(GarbageCollector.Kind.LINK, REPO, TestFiles.sha256(unused), 0));
        assertThat(report.blobs()).isEqualTo(1);
        assertThat(report.untaggedManifests()).isZero();
        assertReadable(REPO, pushed.layer(), pushed.layerBytes());
        assertReadable(REPO, pushed.config(), pushed.configBytes());
        assertThat(oci.manifest(REPO, "v1")).isPresent();
        assertThat(oci.blob("other/place", pushed.layer())).as("its link is gone").isEmpty();

        assertThat(oci.deleteManifest(REPO, pushed.manifest())).isTrue();
        assertThat(registry.blobStore().exists(pushed.manifest())).as("the manifest's bytes go at once").isFalse();
        assertThat(registry.blobStore().exists(pushed.layer())).as("still linked").isTrue();
        GarbageCollector.Report afterDelete = gc.run(false);
        assertThat(afterDelete.links()).isEqualTo(2);
        assertThat(afterDelete.blobs()).isEqualTo(2);
        assertThat(afterDelete.blobBytes()).isEqualTo(pushed.layerBytes().length + pushed.configBytes().length);
        assertThat(rows("blobs")).isZero();
        assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
    }

    @Test
    void anUntaggedManifestStaysWithItsBlobsAndIsCounted() throws Exception {
        Pushed pushed = push(REPO, null, 5);
        clock.advance(Duration.ofDays(30));
        GarbageCollector.Report report = gc.run(false);
        assertThat(report.nothingRemoved()).isTrue();
        assertThat(report.untaggedManifests()).isEqualTo(1);
        assertThat(oci.manifest(REPO, pushed.manifest())).isPresent();
        assertReadable(REPO, pushed.layer(), pushed.layerBytes());
    }

    @Test
    void aBlobARegistryImageUsesStays() throws Exception {
        byte[] content = TestFiles.bytes(3000, 6);
        String digest = TestFiles.sha256(content);
        registry.add(new ByteArrayInputStream(content), "team/tool:v1", Map.of());
        oci.putBlob("team/scratch", digest, new ByteArrayInputStream(content)); // the same bytes, linked elsewhere
        byte[] other = TestFiles.bytes(2000, 7);
        registry.add(new ByteArrayInputStream(other), "team/other:v1", Map.of());

        clock.advance(Duration.ofDays(3));
        GarbageCollector.Report report = gc.run(false);
        assertThat(report.links()).isEqualTo(1);
        assertThat(report.blobs()).isZero();
        assertThat(TestFiles.sha256(registry.blobFile(registry.get("team/tool:v1").orElseThrow()))).isEqualTo(digest);
        assertThat(TestFiles.sha256(registry.blobFile(registry.get("team/other:v1").orElseThrow())))
                .isEqualTo(TestFiles.sha256(other));
        assertThat(oci.blob("team/tool", digest)).as("an image's blob is served in its repository").isPresent();
        assertThat(oci.manifest("team/tool", "v1")).isPresent(); // made now; its blobs are referenced at once
        clock.advance(Duration.ofDays(3));
        assertThat(gc.run(false).nothingRemoved()).isTrue();
        assertThat(oci.manifest("team/tool", "v1")).isPresent();
    }

    @Test
    void anOldBlobLinkedAgainWithinTheGraceStays() throws Exception {
        byte[] content = TestFiles.bytes(1234, 8);
        String digest = TestFiles.sha256(content);
        oci.putBlob(REPO, digest, new ByteArrayInputStream(content));
        clock.advance(Duration.ofHours(30));
        oci.putBlob("team/again", digest, new ByteArrayInputStream(content)); // blob row old, new link young

        GarbageCollector.Report report = gc.run(false);
        assertThat(report.links()).isEqualTo(1);
        assertThat(report.blobs()).isZero();
        assertReadable("team/again", digest, content);
    }

    @Test
    void aDryRunRemovesNothingAndReportsWhatTheRunThenRemoves() throws Exception {
        String session = oci.startUpload(REPO);
        oci.appendChunk(REPO, session, 0, 10, new ByteArrayInputStream(new byte[10]));
        Path orphan = uploadsFolder().resolve(UUID.randomUUID().toString());
        Files.write(orphan, new byte[5]);
        Pushed pushed = push(REPO, "v1", 9);
        push("team/gone", "v1", 10);
        assertThat(oci.deleteManifest("team/gone", "v1")).isTrue(); // the tag only: an untagged manifest
        for (int i = 0; i < 3; i++) {
            byte[] b = TestFiles.bytes(500 + i, 20 + i);
            oci.putBlob("team/abandoned", TestFiles.sha256(b), new ByteArrayInputStream(b));
        }
        registry.add(new ByteArrayInputStream(TestFiles.bytes(700, 30)), "team/tool:v1", Map.of());
        clock.advance(Duration.ofHours(25));
        old(orphan);
        List<String> filesBefore = allFiles();
        Map<String, Long> rowsBefore = allRows();

        GarbageCollector.Report dry = gc.run(true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(allFiles()).isEqualTo(filesBefore);
        assertThat(allRows()).isEqualTo(rowsBefore);
        assertThat(dry.uploadSessions()).isEqualTo(1);
        assertThat(dry.orphanUploadFiles()).isEqualTo(1);
        assertThat(dry.links()).isEqualTo(3);
        assertThat(dry.blobs()).isEqualTo(3);
        assertThat(dry.untaggedManifests()).isEqualTo(1);

        GarbageCollector.Report real = gc.run(false);
        assertThat(real.dryRun()).isFalse();
        assertThat(real.uploadSessions()).isEqualTo(dry.uploadSessions());
        assertThat(real.orphanUploadFiles()).isEqualTo(dry.orphanUploadFiles());
        assertThat(real.uploadBytes()).isEqualTo(dry.uploadBytes()).isEqualTo(15);
        assertThat(real.links()).isEqualTo(dry.links());
        assertThat(real.blobs()).isEqualTo(dry.blobs());
        assertThat(real.blobBytes()).isEqualTo(dry.blobBytes()).isEqualTo(500 + 501 + 502);
        assertThat(real.blobsKept()).isZero();
        assertThat(real.untaggedManifests()).isEqualTo(dry.untaggedManifests());
        assertThat(real.items()).isEqualTo(dry.items());
        assertThat(real.errors()).isZero();
        assertThat(allFiles()).isNotEqualTo(filesBefore);
        assertReadable(REPO, pushed.layer(), pushed.layerBytes());
        assertThat(gc.run(true).nothingRemoved()).isTrue();
    }

    /**
     * A pusher uploads the same layer and a manifest using it again and again while the collector
     * runs with no grace at all on the real clock: whenever the manifest push succeeded, the layer
     * is readable, byte for byte, while collections go on around it. A manifest push may be
     * refused because the collector took the blob first (then the pusher uploads it again), never
     * accepted for a blob that is then lost.
     */
    @Test
    void aPushRacingTheCollectorNeverLosesABlob() throws Exception {
        openStore(Clock.systemUTC());
        GarbageCollector eager = new GarbageCollector(db, registry, oci, Clock.systemUTC(), Duration.ZERO);
        byte[] layer = TestFiles.bytes(64 * 1024, 40);
        String layerDigest = TestFiles.sha256(layer);
        byte[] config = "{\"architecture\":\"amd64\"}".getBytes(StandardCharsets.UTF_8);
        String configDigest = TestFiles.sha256(config);
        byte[] manifest = manifest(configDigest, config.length, layerDigest, layer.length);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger collections = new AtomicInteger();
        AtomicInteger removedBlobs = new AtomicInteger();
        AtomicInteger sessionsLost = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> collector = pool.submit(() -> {
                while (!stop.get()) {
                    removedBlobs.addAndGet(eager.run(false).blobs());
                    collections.incrementAndGet();
                }
                return null;
            });
            Future<Integer> pusher = pool.submit(() -> {
                int pushed = 0;
                int refused = 0;
                int attempt = 0;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                while (System.nanoTime() < until || pushed < 20 || collections.get() < 20) {
                    if (refused + sessionsLost.get() > 10_000) {
                        throw new AssertionError("the pusher never got through");
                    }
                    if (++attempt % 2 == 0) {
                        oci.putBlob(REPO, layerDigest, new ByteArrayInputStream(layer));
                    } else {
                        try {
                            String id = oci.startUpload(REPO);
                            oci.appendChunk(REPO, id, 0, 1000, new ByteArrayInputStream(layer, 0, 1000));
                            oci.finishUpload(REPO, id, layerDigest,
                                    new ByteArrayInputStream(layer, 1000, layer.length - 1000));
                        } catch (OciException | java.nio.file.NoSuchFileException e) {
                            // with no grace, a session is "abandoned" a millisecond after its last chunk
                            assertThat(e instanceof java.nio.file.NoSuchFileException
                                    || ((OciException) e).code() == OciError.BLOB_UPLOAD_UNKNOWN).as(e.toString()).isTrue();
                            sessionsLost.incrementAndGet();
                            continue; // the next attempt uploads in one piece
                        }
                    }
                    oci.putBlob(REPO, configDigest, new ByteArrayInputStream(config));
                    try {
                        oci.putManifest(REPO, "v1", manifest, MediaTypes.OCI_MANIFEST);
                    } catch (OciException e) {
                        assertThat(e.getMessage()).contains("upload it before the manifest");
                        refused++;
                        continue; // the collector took a blob between its upload and the manifest: upload again
                    }
                    pushed++;
                    for (int check = 0; check < 3; check++) {
                        assertReadable(REPO, layerDigest, layer);
                        assertReadable(REPO, configDigest, config);
                        Thread.onSpinWait();
                    }
                    assertThat(oci.deleteManifest(REPO, TestFiles.sha256(manifest))).isTrue();
                }
                return pushed;
            });
            int pushed = pusher.get(120, TimeUnit.SECONDS);
            stop.set(true);
            collector.get(60, TimeUnit.SECONDS);
            assertThat(pushed).isGreaterThanOrEqualTo(20);
            assertThat(removedBlobs.get()).as("the collector did collect between the pushes").isPositive();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        // a final push, the collector once more: the manifest's blobs are all there
        oci.putBlob(REPO, layerDigest, new ByteArrayInputStream(layer));
        oci.putBlob(REPO, configDigest, new ByteArrayInputStream(config));
        oci.putManifest(REPO, "v1", manifest, MediaTypes.OCI_MANIFEST);
        Thread.sleep(5); // the links are older than "now" with no grace
        GarbageCollector.Report last = eager.run(false);
        assertThat(last.blobs()).isZero();
        assertReadable(REPO, layerDigest, layer);
        assertReadable(REPO, configDigest, config);
        assertThat(oci.manifest(REPO, "v1")).isPresent();
    }

    // ---- helpers

    /** What {@link #push} stored. */
    private record Pushed(String config, byte[] configBytes, String layer, byte[] layerBytes, String manifest) {
    }

    /** Uploads a config and a layer to {@code repository} and a manifest using them (by digest when {@code tag} is null). */
    private Pushed push(String repository, String tag, long seed) throws Exception {
        byte[] layer = TestFiles.bytes(2048, seed);
        byte[] config = ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        String layerDigest = TestFiles.sha256(layer);
        String configDigest = TestFiles.sha256(config);
        oci.putBlob(repository, layerDigest, new ByteArrayInputStream(layer));
        String upload = oci.startUpload(repository);
        oci.finishUpload(repository, upload, configDigest, new ByteArrayInputStream(config));
        byte[] manifest = manifest(configDigest, config.length, layerDigest, layer.length);
        String manifestDigest = TestFiles.sha256(manifest);
        oci.putManifest(repository, tag == null ? manifestDigest : tag, manifest, MediaTypes.OCI_MANIFEST);
        return new Pushed(configDigest, config, layerDigest, layer, manifestDigest);
    }

    private static byte[] manifest(String config, long configSize, String layer, long layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer
                + "\",\"size\":" + layerSize + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertReadable(String repository, String digest, byte[] content) throws Exception {
        OciStore.Blob blob = oci.blob(repository, digest).orElseThrow(
                () -> new AssertionError(digest + " is not served in " + repository));
        try (InputStream in = Files.newInputStream(blob.file())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    private Path uploadsFolder() {
        return dataDir.resolve("images").resolve("uploads");
    }

    /** Gives a file a modification time before the cutoff of the clock's now. */
    private void old(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(GRACE).minusSeconds(60)));
    }

    private long rows(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private Map<String, Long> allRows() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("blobs", "images", "oci_links", "oci_manifests", "oci_manifest_refs", "oci_tags",
                "oci_uploads", "oci_image_manifests")) {
            counts.put(table, rows(table));
        }
        return counts;
    }

    private List<String> allFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(dataDir.resolve("images"))) {
            walk.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()).sorted().forEach(files::add);
        }
        return files;
    }
}
