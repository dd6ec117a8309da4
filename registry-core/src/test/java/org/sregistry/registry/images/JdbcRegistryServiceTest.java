package org.sregistry.registry.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.api.AddRequest;
import org.sregistry.api.AddResult;
import org.sregistry.api.ImageExistsException;
import org.sregistry.api.ImageInfo;
import org.sregistry.api.ImagePage;
import org.sregistry.api.ImageQuery;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.api.RegistryService;
import org.sregistry.registry.MutableClock;
import org.sregistry.registry.TestFiles;
import org.sregistry.registry.TestDatabases;
import org.sregistry.registry.db.Database;
import org.sregistry.registry.sif.SifWriter;
import org.sregistry.registry.store.ImageTooLargeException;

class JdbcRegistryServiceTest {
    private static final long MAX = 1 << 20;

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private Database db;
    private JdbcRegistryService registry;

    @BeforeEach
    void open() {
        db = TestDatabases.open(dataDir);
        // the store's semantics with any bytes; the image check has its own test below
        registry = new JdbcRegistryService(db, dataDir, clock, MAX, ImagePolicy.anyFile());
    }

    @Test
    void filesThatAreNotImagesAreRefusedUnlessTheirCollectionTakesAnyFile() throws Exception {
        JdbcRegistryService strict = new JdbcRegistryService(db, dataDir, clock, MAX,
                new ImagePolicy("docs"::equals, "Ask the admin."));
        Path text = work.resolve("README.txt");
        Files.writeString(text, "Alice's scratch space.\n");
        assertThatThrownBy(() -> strict.add(text, "demo/readme:latest", Map.of()))
                .isInstanceOf(org.sregistry.api.UnsupportedImageException.class)
                .hasMessageContaining("README.txt is not a container image").hasMessageContaining("demo/readme:latest")
                .hasMessageEndingWith("Ask the admin.");
        assertThatThrownBy(() -> strict.add(new ByteArrayInputStream(new byte[0]), "demo/empty:latest", Map.of()))
                .isInstanceOf(org.sregistry.api.UnsupportedImageException.class).hasMessageContaining("empty");
        assertThat(strict.list(ImageQuery.all()).total()).isZero();
        assertThat(TestFiles.filesUnderImages(dataDir)).as("nothing stored, no temp file").isZero();

        assertThat(strict.add(text, "docs/readme:latest", Map.of()).size()).isEqualTo(Files.size(text));
        Path sif = work.resolve("real.sif");
        SifWriter.write(sif, TestFiles.bytes(10_000, 3));
        // streamed: the bytes read to check the header are stored too
        ImageInfo streamed = strict.add(Files.newInputStream(sif), "demo/real:latest", Map.of());
        assertThat(streamed.version()).isEqualTo(TestFiles.sha256(sif));
        byte[] squashfs = TestFiles.bytes(5000, 4);
        System.arraycopy("hsqs".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, squashfs, 0, 4);
        assertThat(strict.add(new ByteArrayInputStream(squashfs), "demo/legacy:latest", Map.of()).version())
                .isEqualTo(TestFiles.sha256(squashfs));
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the database was not available (skipped)
            db.close();
        }
    }

    private ImageInfo add(String name, byte[] content) throws Exception {
        return registry.add(new ByteArrayInputStream(content), name, Map.of());
    }

    @Test
    void addThenGetGivesTheSameBytesAndDigest() throws Exception {
        Path sif = work.resolve("lolcow_latest.sif");
        SifWriter.write(sif, TestFiles.bytes(10_000, 1));
        String digest = TestFiles.sha256(sif);

        ImageInfo added = registry.add(sif, "demo/lolcow:latest", Map.of("globus.task_id", "t-1"));

        assertThat(added.uri()).isEqualTo("demo/lolcow:latest@" + digest);
        assertThat(added.size()).isEqualTo(Files.size(sif));
        assertThat(added.metadata()).containsExactly(Map.entry("globus.task_id", "t-1"));
        assertThat(added.fileInfo()).containsEntry("format", "sif").containsEntry("sif.arch", "amd64");
        assertThat(sif).exists(); // the source stays

        ImageInfo got = registry.get("demo/lolcow:latest").orElseThrow();
        assertThat(got).isEqualTo(added);
        assertThat(TestFiles.sha256(registry.blobFile(got))).isEqualTo(digest);
        try (InputStream in = registry.open(got)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(sif));
        }
    }

    @Test
    void sameContentIsStoredOnceAndGoesWithTheLastName() throws Exception {
        byte[] content = TestFiles.bytes(5000, 2);
        ImageInfo a = add("demo/a", content);
        ImageInfo b = add("demo/b:v1", content);
        assertThat(a.version()).isEqualTo(b.version()).isEqualTo(TestFiles.sha256(content));
        assertThat(TestFiles.filesUnderImages(dataDir)).isEqualTo(1);

        assertThat(registry.remove("demo/a")).isTrue();
        assertThat(registry.blobFile(b)).exists();
        assertThat(registry.remove("demo/b:v1")).isTrue();
        assertThat(registry.blobFile(b)).doesNotExist();
        assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
        assertThat(registry.remove("demo/b:v1")).isFalse();
    }

    @Test
    void replacingANameRepointsItAndCollectsTheOldBlob() throws Exception {
        ImageInfo first = add("demo/x", TestFiles.bytes(100, 3));
        clock.advance(Duration.ofMinutes(5));
        ImageInfo second = registry.add(new ByteArrayInputStream(TestFiles.bytes(200, 4)), "demo/x", Map.of("k", "v"));

        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isEqualTo(first.updatedAt().plus(Duration.ofMinutes(5)));
        assertThat(registry.blobFile(first)).doesNotExist();
        assertThat(registry.list(ImageQuery.all()).total()).isEqualTo(1);
        assertThat(registry.get("demo/x").orElseThrow().metadata()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void strayTempFilesOfAKilledProcessAreRemovedAtStartup() throws Exception {
        add("demo/keep", TestFiles.bytes(100, 5));
        Path sha = dataDir.resolve("images/sha256");
        // a killed upload: a temp file whose writer process is gone, and a blob that never got its row
        Path stray = Files.write(sha.resolve(".tmp-999999999-killed"), TestFiles.bytes(1000, 6));
        byte[] orphan = TestFiles.bytes(300, 7);
        String hex = TestFiles.sha256(orphan).substring(7);
        Path orphanBlob = sha.resolve(hex.substring(0, 2)).resolve(hex);
        Files.createDirectories(orphanBlob.getParent());
        Files.write(orphanBlob, orphan);
        // a live upload of this very process must survive
        Path live = Files.write(sha.resolve(".tmp-" + ProcessHandle.current().pid() + "-live"), new byte[10]);

        registry = new JdbcRegistryService(db, dataDir, clock, MAX, ImagePolicy.anyFile());

        assertThat(stray).doesNotExist();
        assertThat(orphanBlob).doesNotExist();
        assertThat(live).exists();
        assertThat(registry.list(ImageQuery.all()).items()).extracting(ImageInfo::uri)
                .singleElement().asString().startsWith("demo/keep:latest@");
        assertThat(registry.blobFile(registry.get("demo/keep").orElseThrow())).exists();
    }

    @Test
    void concurrentAddsOfOneNameLeaveOneConsistentRecord() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ImageInfo>> results = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            byte[] content = TestFiles.bytes(50_000 + i, 100 + i % 3); // some threads share content
            contents.add(content);
            Callable<ImageInfo> task = () -> {
                start.await();
                return add("race/one:latest", content);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        for (Future<ImageInfo> f : results) {
            f.get();
        }
        pool.shutdown();

        ImagePage page = registry.list(ImageQuery.all());
        assertThat(page.total()).isEqualTo(1);
        ImageInfo winner = page.items().get(0);
        Path blob = registry.blobFile(winner);
        assertThat(TestFiles.sha256(blob)).isEqualTo(winner.version());
        assertThat(Files.size(blob)).isEqualTo(winner.size());
        assertThat(contents).extracting(TestFiles::sha256).contains(winner.version());
        assertThat(TestFiles.filesUnderImages(dataDir)).as("only the winner's blob, no temp files").isEqualTo(1);
    }

    @Test
    void replaceFalseRefusesATakenNameInsideTheAddAndKeepsNoStrayBlob() throws Exception {
        byte[] a = TestFiles.bytes(1000, 20);
        AddedImage first = registry.add(AddRequest.of(new ByteArrayInputStream(a), "demo/x:1", Map.of()), false);
        assertThat(first.created()).isTrue();

        // other content: placed, then the transaction refuses it; the placed blob must not stay behind
        assertThatThrownBy(() -> registry.add(AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(2000, 21)),
                "demo/x:1", Map.of()), false)).isInstanceOf(ImageExistsException.class);
        // same content: the refusal must not delete the blob the existing name uses
        assertThatThrownBy(() -> registry.add(AddRequest.of(new ByteArrayInputStream(a), "demo/x:1", Map.of()), false))
                .isInstanceOf(ImageExistsException.class);

        ImageInfo kept = registry.get("demo/x:1").orElseThrow();
        assertThat(kept.version()).isEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(registry.blobFile(kept))).isEqualTo(kept.version());
        assertThat(TestFiles.filesUnderImages(dataDir)).as("no orphan blob, no temp file").isEqualTo(1);

        AddedImage replaced = registry.add(AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(3000, 22)),
                "demo/x:1", Map.of()), true);
        assertThat(replaced.created()).as("repointed, not created").isFalse();
    }

    @Test
    void aPluginsAddWithoutReplacingIsRefusedThroughThePluginApiAndKeepsItsOnceKeyFree() throws Exception {
        RegistryService plugin = registry.forPlugin("globus");
        byte[] first = TestFiles.bytes(1000, 30);
        plugin.add(AddRequest.of(new ByteArrayInputStream(first), "test/plain:v1", Map.of()));

        assertThatThrownBy(() -> plugin.add(AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(1500, 31)),
                "test/plain:v1", Map.of()).once("task:/staging/plain_v1.sif").withoutReplacing()))
                .isInstanceOf(org.sregistry.api.ImageExistsException.class)
                .satisfies(e -> assertThat(((org.sregistry.api.ImageExistsException) e).name().withoutVersion())
                        .isEqualTo("test/plain:v1"));
        assertThat(registry.get("test/plain:v1").orElseThrow().version()).isEqualTo(TestFiles.sha256(first));

        // the refused add used up nothing: the same once-key adds under a free name
        AddResult renamed = plugin.add(AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(1500, 31)),
                "test/plain:v1-2", Map.of()).once("task:/staging/plain_v1.sif").withoutReplacing());
        assertThat(renamed.alreadyDone()).isFalse();
        assertThat(renamed.image().name().withoutVersion()).isEqualTo("test/plain:v1-2");
    }

    @Test
    void concurrentReplaceFalseAddsOfOneNameHaveOneWinner() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AddedImage>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            byte[] content = TestFiles.bytes(50_000 + i, 200 + i);
            results.add(pool.submit(() -> {
                start.await();
                return registry.add(AddRequest.of(new ByteArrayInputStream(content), "race/new:latest", Map.of()), false);
            }));
        }
        start.countDown();
        int won = 0;
        int refused = 0;
        for (Future<AddedImage> f : results) {
            try {
                assertThat(f.get().created()).isTrue();
                won++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ImageExistsException.class);
                refused++;
            }
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        assertThat(refused).isEqualTo(threads - 1);
        ImageInfo winner = registry.get("race/new:latest").orElseThrow();
        assertThat(TestFiles.sha256(registry.blobFile(winner))).isEqualTo(winner.version());
        assertThat(TestFiles.filesUnderImages(dataDir)).as("the losers' blobs are gone").isEqualTo(1);
    }

    @Test
    void lookupOrder() throws Exception {
        ImageInfo v1 = add("demo/lolcow:v1", TestFiles.bytes(10, 10));
        clock.advance(Duration.ofSeconds(1));
        ImageInfo v2 = add("demo/lolcow:v2", TestFiles.bytes(10, 11));
        clock.advance(Duration.ofSeconds(1));
        ImageInfo lib = add("library/ubuntu:latest", TestFiles.bytes(10, 12));

        // full URI, with and without version
        assertThat(registry.get(v1.uri())).contains(v1);
        assertThat(registry.get("demo/lolcow:v1")).contains(v1);
        // a given version is honoured: never other content
        assertThat(registry.get("demo/lolcow:v1@" + v2.version())).isEmpty();
        // without tag: no :latest, so the most recently updated tag
        assertThat(registry.get("demo/lolcow")).contains(v2);
        // version without tag: the image with that content under any tag
        assertThat(registry.get("demo/lolcow@" + v1.version())).contains(v1);
        // name only: collection not spelled, found in any collection
        assertThat(registry.get("lolcow")).contains(v2);
        assertThat(registry.get("lolcow:v1")).contains(v1);
        // explicit parts are honoured
        assertThat(registry.get("library/lolcow")).isEmpty();
        assertThat(registry.get("demo/lolcow:v3")).isEmpty();
        assertThat(registry.get("ubuntu")).contains(lib);
        assertThatThrownBy(() -> registry.get("../x")).isInstanceOf(InvalidImageNameException.class);
    }

    @Test
    void onceKeyAddsOnlyOnceEvenAfterARestart() throws Exception {
        AddRequest request = AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(1000, 20)), "demo/once",
                Map.of("globus.task_id", "t-9")).once("task-9:/staging/once.sif");
        AddResult first = registry.add(request);
        assertThat(first.alreadyDone()).isFalse();

        AddResult second = registry.add(AddRequest.of(new ByteArrayInputStream(TestFiles.bytes(1000, 21)),
                "demo/once", Map.of()).once("task-9:/staging/once.sif"));
        assertThat(second.alreadyDone()).isTrue();
        assertThat(second.image()).isEqualTo(first.image());

        JdbcRegistryService restarted = new JdbcRegistryService(db, dataDir, clock, MAX, ImagePolicy.anyFile());
        Path file = Files.write(work.resolve("again.sif"), TestFiles.bytes(1000, 22));
        AddResult third = restarted.add(AddRequest.of(file, "demo/once", Map.of()).once("task-9:/staging/once.sif"));
        assertThat(third.alreadyDone()).isTrue();
        assertThat(third.image().version()).isEqualTo(first.image().version());
        assertThat(restarted.list(ImageQuery.all()).total()).isEqualTo(1);
        assertThat(TestFiles.filesUnderImages(dataDir)).isEqualTo(1);
    }

    @Test
    void concurrentAddsWithOneOnceKeyAddOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<AddResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] content = TestFiles.bytes(2000, 30 + i);
            results.add(pool.submit(() -> registry.add(
                    AddRequest.of(new ByteArrayInputStream(content), "demo/o" , Map.of()).once("k"))));
        }
        int added = 0;
        for (Future<AddResult> f : results) {
            added += f.get().alreadyDone() ? 0 : 1;
        }
        pool.shutdown();
        assertThat(added).isEqualTo(1);
        assertThat(TestFiles.filesUnderImages(dataDir)).isEqualTo(1);
    }

    @Test
    void pluginViewsHaveTheirOwnOnceKeys() throws Exception {
        RegistryService globus = registry.forPlugin("globus");
        RegistryService other = registry.forPlugin("other");
        byte[] c = TestFiles.bytes(10, 40);
        assertThat(globus.add(AddRequest.of(new ByteArrayInputStream(c), "p/a", Map.of()).once("k")).alreadyDone()).isFalse();
        assertThat(other.add(AddRequest.of(new ByteArrayInputStream(c), "p/b", Map.of()).once("k")).alreadyDone()).isFalse();
        assertThat(globus.add(AddRequest.of(new ByteArrayInputStream(c), "p/a", Map.of()).once("k")).alreadyDone()).isTrue();
    }

    @Test
    void tooLargeImagesAreRefusedAndLeaveNothing() throws Exception {
        assertThatThrownBy(() -> add("demo/big", new byte[(int) MAX + 1])).isInstanceOf(ImageTooLargeException.class);
        Path big = Files.write(work.resolve("big.sif"), new byte[(int) MAX + 1]);
        assertThatThrownBy(() -> registry.add(big, "demo/big", Map.of())).isInstanceOf(ImageTooLargeException.class);
        assertThat(TestFiles.filesUnderImages(dataDir)).isZero();
        assertThat(registry.get("demo/big")).isEmpty();
    }

    @Test
    void badNamesAndMetadataAreRefusedBeforeAnyByteIsStored() {
        assertThatThrownBy(() -> add("Demo/x", new byte[1])).isInstanceOf(InvalidImageNameException.class);
        assertThatThrownBy(() -> registry.add(new ByteArrayInputStream(new byte[1]), "demo/x",
                Map.of("k", "v".repeat(5000)))).isInstanceOf(IllegalArgumentException.class);
        String wrongVersion = "demo/x@sha256:" + "0".repeat(64);
        assertThatThrownBy(() -> add(wrongVersion, new byte[1])).hasMessageContaining("does not match");
        assertThat(registry.list(ImageQuery.all()).total()).isZero();
    }

    @Test
    void listsWithSearchPagingAndSort() throws Exception {
        add("demo/alpha", TestFiles.bytes(300, 50));
        clock.advance(Duration.ofSeconds(1));
        add("demo/beta", TestFiles.bytes(100, 51));
        clock.advance(Duration.ofSeconds(1));
        add("other/gamma_1", TestFiles.bytes(200, 52));

        assertThat(names(new ImageQuery("", ImageQuery.Sort.NEWEST, 10, 0)))
                .containsExactly("other/gamma_1:latest", "demo/beta:latest", "demo/alpha:latest");
        assertThat(names(new ImageQuery(null, ImageQuery.Sort.OLDEST, 10, 0)))
                .containsExactly("demo/alpha:latest", "demo/beta:latest", "other/gamma_1:latest");
        assertThat(names(new ImageQuery("", ImageQuery.Sort.SIZE, 10, 0)))
                .containsExactly("demo/alpha:latest", "other/gamma_1:latest", "demo/beta:latest");
        assertThat(names(new ImageQuery("", ImageQuery.Sort.NAME, 2, 1)))
                .containsExactly("demo/beta:latest", "other/gamma_1:latest");
        assertThat(names(new ImageQuery("DEMO/", ImageQuery.Sort.NAME, 10, 0)))
                .containsExactly("demo/alpha:latest", "demo/beta:latest");
        // LIKE wildcards are taken literally
        assertThat(names(new ImageQuery("a_1", ImageQuery.Sort.NAME, 10, 0))).containsExactly("other/gamma_1:latest");
        assertThat(names(new ImageQuery("%", ImageQuery.Sort.NAME, 10, 0))).isEmpty();

        ImagePage page = registry.list(new ImageQuery("demo", ImageQuery.Sort.NAME, 1, 1));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.limit()).isEqualTo(1);
        assertThat(page.offset()).isEqualTo(1);
    }

    private List<String> names(ImageQuery q) {
        return registry.list(q).items().stream().map(i -> i.name().withoutVersion()).toList();
    }
}
