package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;
import org.sregistry.host.testkit.RegistryClient;
import org.sregistry.host.testkit.Tmpfs;

/**
 * Really full disks (a small tmpfs), on the real server with the simulator: a push whose staging disk is full answers
 * 507 naming the folder and its free space and leaves nothing behind; pulled files the registry cannot take because
 * its image store is full are kept in quarantine (not deleted) after the retry budget, shown with Retry and Discard;
 * Discard deletes one, Retry after space is back imports the other under the name asked for.
 */
class DiskFullIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IMAGE_BYTES = 512 * 1024;

    @TempDir
    Path dir;

    private static byte[] bigImage(String text) {
        byte[] head = GlobusWorld.imageBytes(text);
        byte[] bytes = Arrays.copyOf(head, IMAGE_BYTES);
        Arrays.fill(bytes, head.length, bytes.length, (byte) 'x');
        return bytes;
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @BeforeEach
    void needsRoot() {
        Tmpfs.assumeMountable(); // a real full disk: a small tmpfs, mounted as root (CI runs as root)
    }

    @Test
    void aPushOntoAFullStagingDiskAnswers507NamingTheFolderAndItsFreeSpaceAndLeavesNothing() throws Exception {
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"));
             Tmpfs staging = Tmpfs.mount(world.staging.localDir(), 256 * 1024);
             ImportHost host = ImportHost.start(world, dir.resolve("registry"), 3600)) {
            RegistryClient admin = host.registry.admin();
            assertThat(admin.send(admin.request("/api/containers/demo/big:v1")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bigImage("big")))).statusCode()).isIn(200, 201);
            world.sim.resetStats();

            HttpResponse<String> json = admin.postJson("/globus/transfer/put/" + world.cluster.id,
                    "{\"path\":\"/~/out/\",\"containers\":[\"demo/big:v1\"]}");
            assertThat(json.statusCode()).as(json.body()).isEqualTo(507);
            JsonNode body = JSON.readTree(json.body());
            assertThat(body.path("error").asText()).isEqualTo("insufficient_storage");
            assertThat(body.path("folder").asText()).isEqualTo(world.staging.localDir().toString());
            assertThat(body.path("free_bytes").asLong()).isLessThan(IMAGE_BYTES);
            assertThat(body.path("needed_bytes").asLong()).isEqualTo(IMAGE_BYTES);
            assertThat(body.path("message").asText()).contains(world.staging.localDir().toString(), "free");

            RegistryClient browser = host.registry.browser();
            HttpResponse<String> page = browser.form("/globus/transfer/put/" + world.cluster.id,
                    Map.of("path", "/~/out/", "containers", "demo/big:v1"));
            assertThat(page.statusCode()).isEqualTo(507);
            assertThat(page.body()).contains("The staging folder is full", world.staging.localDir().toString());

            assertThat(files(world.staging.localDir())).as("no copy, no part file").isEmpty();
            JsonNode tasks = JSON.readTree(admin.get("/api/globus/tasks").body());
            assertThat(tasks.path("tasks")).isEmpty();
            assertThat(tasks.path("submitting")).as("no intent left").isEmpty();
            assertThat(world.sim.requestCount("POST /transfer/v0.10/transfer")).as("nothing sent").isZero();
        }
    }

    @Test
    void aCopyThatRunsOutOfSpaceHalfWayIsNamedAsAFullDiskAndLeavesNoHalfFile() throws Exception {
        Path blob = Files.write(dir.resolve("blob.sif"), bigImage("half"));
        org.sregistry.globus.transfers.StagingArea area = new org.sregistry.globus.transfers.StagingArea(
                dir.resolve("small-staging"), "/staging/");
        try (Tmpfs small = Tmpfs.mount(area.localDir(), 256 * 1024)) {
            Path target = area.newFile("half_v1.sif");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> area.stageAt(blob, target, () -> { }))
                    .isInstanceOfSatisfying(org.sregistry.api.InsufficientStorageException.class, e -> {
                        assertThat(e.folder()).isEqualTo(area.localDir());
                        assertThat(e.neededBytes()).isEqualTo(IMAGE_BYTES);
                        assertThat(e.getMessage()).contains("not enough free space in " + area.localDir());
                    });
            assertThat(files(area.localDir())).as("no half copy").isEmpty();
        }
    }

    @Test
    void pulledFilesAFullImageStoreCannotTakeAreQuarantinedThenDiscardedOrImportedByRetry() throws Exception {
        Path registryDir = dir.resolve("registry");
        try (GlobusWorld world = new GlobusWorld(dir.resolve("globus"));
             Tmpfs images = Tmpfs.mount(registryDir.resolve("images"), 1024 * 1024)) {
            images.fillLeaving(128 * 1024);
            world.clusterFile("full1_v1.sif", bigImage("full1"));
            world.clusterFile("full2_v1.sif", bigImage("full2"));
            try (ImportHost host = ImportHost.start(world, registryDir, 3600)) {
                RegistryClient admin = host.registry.admin();
                String keep = submitPull(admin, world, "full1_v1.sif", "demo/full1:v1");
                String drop = submitPull(admin, world, "full2_v1.sif", "demo/full2:v1");
                world.awaitFinished(keep);
                world.awaitFinished(drop);

                for (int i = 0; i < 2 * ArrivedFileImporter.MAX_ATTEMPTS && !quarantined(host, keep, drop); i++) {
                    host.tick();
                }
                TransferItem kept = host.ledger.get(keep).orElseThrow().items().get(0);
                assertThat(kept.state()).isEqualTo(ItemState.QUARANTINED);
                assertThat(kept.attempts()).isEqualTo(ArrivedFileImporter.MAX_ATTEMPTS);
                // the file is streamed in after a link-free open: the registry names its full folder
                String full = "not enough free space in " + registryDir.resolve("images");
                assertThat(kept.reason()).contains(full);
                Path quarantine = registryDir.resolve("plugin-data/globus/quarantine");
                assertThat(files(quarantine)).as("both files kept, none deleted").hasSize(2)
                        .allSatisfy(f -> assertThat(f).hasSize(IMAGE_BYTES));
                assertThat(files(world.staging.localDir())).as("out of the folder Globus exposes").isEmpty();
                assertThat(admin.get("/api/containers?q=full").body()).contains("\"total\":0");

                // shown on the activity page and in the JSON API, with Retry and Discard
                RegistryClient browser = host.registry.browser();
                String page = browser.get("/globus/tasks/" + keep).body();
                assertThat(page).contains("QUARANTINED", full,
                        "action=\"/globus/tasks/" + keep + "/items/0/retry\"",
                        "action=\"/globus/tasks/" + keep + "/items/0/discard\"", "data-confirm=\"Discard this file?");
                JsonNode item = JSON.readTree(admin.get("/api/globus/tasks/" + keep).body()).path("items").get(0);
                assertThat(item.path("state").asText()).isEqualTo("QUARANTINED");
                assertThat(item.path("actions").toString()).isEqualTo("[\"retry\",\"discard\"]");
                assertThat(item.path("kept_file").asText()).startsWith(quarantine.toString());

                // Discard: a forged post (no CSRF token) is refused; the real one deletes the bytes
                assertThat(browser.formWithoutCsrf("/globus/tasks/" + drop + "/items/0/discard", Map.of())
                        .statusCode()).isEqualTo(403);
                Path dropped = Path.of(host.ledger.get(drop).orElseThrow().items().get(0).keptFile());
                assertThat(dropped).exists();
                HttpResponse<String> discarded = browser.form("/globus/tasks/" + drop + "/items/0/discard", Map.of());
                assertThat(discarded.statusCode()).isEqualTo(303);
                assertThat(dropped).doesNotExist();
                assertThat(host.ledger.get(drop).orElseThrow().items().get(0).state()).isEqualTo(ItemState.FAILED);
                assertThat(admin.postJson("/api/globus/tasks/" + drop + "/items/0/retry", "").statusCode())
                        .as("gone for good").isEqualTo(409);
                assertThat(admin.postJson("/api/globus/tasks/" + drop + "/items/9/discard", "").statusCode())
                        .isEqualTo(404);

                // space is back: Retry imports the other one under the name asked for
                images.unfill();
                HttpResponse<String> retried = browser.form("/globus/tasks/" + keep + "/items/0/retry", Map.of());
                if (retried.statusCode() == 409) {
                    // the scheduled quarantine retry saw the space first and imported it: then it is no
                    // longer quarantined, and the page says so
                    assertThat(retried.body()).contains("not in quarantine (any more)");
                    assertThat(host.ledger.get(keep).orElseThrow().items().get(0).quarantined()).isFalse();
                } else {
                    assertThat(retried.statusCode()).isEqualTo(303);
                    assertThat(retried.headers().firstValue("Location").orElse("")).endsWith("/globus/tasks/" + keep);
                }
                TransferRecord imported = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> host.ledger.get(keep).orElseThrow(), TransferRecord::done);
                assertThat(imported.items().get(0).state()).isEqualTo(ItemState.IMPORTED);
                assertThat(admin.get("/api/container/demo/full1:v1").statusCode()).isEqualTo(200);
                assertThat(admin.get("/api/containers?q=full").body()).contains("\"total\":1");
                await().atMost(Duration.ofSeconds(30)).until(() -> host.ledger.get(drop).orElseThrow().done());
                assertThat(files(quarantine)).as("the imported file's kept copy is gone too").isEmpty();
            }
        }
    }

    private static String submitPull(RegistryClient admin, GlobusWorld world, String file, String name)
            throws Exception {
        HttpResponse<String> r = admin.postJson("/globus/transfer/get/" + world.cluster.id,
                "{\"path\":\"/~/" + file + "\",\"name\":\"" + name + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("task_id").asText();
    }

    private static boolean quarantined(ImportHost host, String... tasks) {
        for (String task : tasks) {
            if (host.ledger.get(task).orElseThrow().items().get(0).state() != ItemState.QUARANTINED) {
                return false;
            }
        }
        return true;
    }
}
