package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The staging folder is writable by others (through Globus, or on the machine): a staged file swapped for a link,
 * or a sub-folder swapped for a link to a folder elsewhere, between Globus finishing and the import, is refused —
 * never imported, never deleted — and the activity page says why. On the real host with the built plugin.
 */
class StagingLinksIT {
    @TempDir
    static Path shared;
    static GlobusWorld world;
    static ImportHost host;

    @BeforeAll
    static void start() throws Exception {
        world = new GlobusWorld(shared.resolve("globus"));
        host = ImportHost.start(world, shared.resolve("registry"), 3600);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aStagedFileReplacedByALinkToTheAdminPasswordIsRefusedAndThePasswordStays() throws Exception {
        Path password = host.registry.server().accounts().initialPasswordFile();
        String secret = Files.readString(password);
        // as long as the password file, so that the size Globus reported cannot tell them apart
        byte[] content = Arrays.copyOf(GlobusWorld.imageBytes("decoy"), secret.length());
        world.clusterFile("decoy_v1.sif", content);
        TransferRecord pull = world.pull(host.ledger, "decoy_v1.sif", "demo/decoy:v1");
        world.awaitFinished(pull.taskId());
        Path staged = Path.of(pull.items().get(0).stagedFile());
        assertThat(staged).exists();
        Files.delete(staged);
        Files.createSymbolicLink(staged, password);

        host.tick();
        host.tick();

        TransferItem item = host.ledger.get(pull.taskId()).orElseThrow().items().get(0);
        assertThat(item.state()).isEqualTo(ItemState.FAILED);
        assertThat(item.reason()).contains("refused", "symbolic link");
        assertThat(host.registry.admin().get("/api/container/demo/decoy:v1").statusCode()).isEqualTo(404);
        assertThat(host.registry.admin().get("/api/containers?q=decoy").body()).contains("\"total\":0");
        assertThat(password).as("the link's target is never touched").hasContent(secret);
        String page = host.registry.browser().get("/globus/tasks/" + pull.taskId()).body();
        assertThat(page).contains("refused decoy_v1.sif", "is a symbolic link");
        assertThat(Files.exists(staged, LinkOption.NOFOLLOW_LINKS)).as("only the link itself is removed").isFalse();
    }

    @Test
    void aStagingSubFolderSwappedForALinkToAFolderOutsideIsNeitherImportedNorDeletedThrough() throws Exception {
        byte[] content = GlobusWorld.imageBytes("victim");
        world.clusterFile("victim_v2.sif", content);
        Files.createDirectories(world.staging.localDir().resolve("drop"));
        String task = world.foreignTransfer("victim_v2.sif", "drop/victim_v2.sif");
        world.awaitFinished(task);
        assertThat(world.staging.localDir().resolve("drop/victim_v2.sif")).hasBinaryContent(content);
        // the folder is swapped for a link to a folder elsewhere holding a file of the same name and size
        Path elsewhere = Files.createDirectories(shared.resolve("elsewhere"));
        Path outsider = Files.write(elsewhere.resolve("victim_v2.sif"), Arrays.copyOf("not yours".getBytes(),
                content.length));
        Path drop = world.staging.localDir().resolve("drop");
        Files.delete(drop.resolve("victim_v2.sif"));
        Files.delete(drop);
        Files.createSymbolicLink(drop, elsewhere);
        Thread.sleep(FinishedTaskScanner.FOREIGN_GRACE.toMillis() + 500);

        host.tick();
        host.tick();

        TransferRecord record = host.ledger.get(task).orElseThrow();
        assertThat(record.items()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(ItemState.FAILED);
            assertThat(i.reason()).contains("refused", "symbolic link (drop)");
        });
        assertThat(host.registry.admin().get("/api/containers?q=victim").body()).contains("\"total\":0");
        assertThat(outsider).as("never deleted through the link").exists();
        assertThat(host.registry.browser().get("/globus/tasks/" + task).body()).contains("refused victim_v2.sif");
    }
}
