package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.api.InvalidImageNameException;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

class ImageNamingTest {
    private static final String TASK = "3f2a91c0-1111-2222-3333-444455556666";

    private static TransferRecord record(TransferItem item, String sourceName) {
        return new TransferRecord(TASK, Direction.GET, "pull", "src-id", sourceName, "dst-id", "registry",
                List.of(item), Instant.EPOCH, null, false, List.of());
    }

    @Test
    void theRequestedNameWinsWithoutItsVersion() {
        TransferItem item = TransferItem.pending("/~/x.sif", "/staging/a-x.sif", null,
                "demo/lolcow:latest@sha256:" + "a".repeat(64));
        assertThat(ImageNaming.targetName(record(item, "Cluster"), item, null)).isEqualTo("demo/lolcow:latest");
    }

    @Test
    void withoutOneTheSourceFileAndEndpointNameGiveIt() {
        TransferItem item = TransferItem.pending("/~/images/lolcow_v1.sif", "/staging/a-lolcow_v1.sif", null, null);
        assertThat(ImageNaming.targetName(record(item, "HPC Cluster"), item, null)).isEqualTo("hpc-cluster/lolcow:v1");
    }

    @Test
    void anInvalidRequestedNameIsRefused() {
        TransferItem item = TransferItem.pending("/~/x.sif", "/staging/x.sif", null, "Demo/UPPER");
        assertThatThrownBy(() -> ImageNaming.targetName(record(item, "c"), item, null))
                .isInstanceOf(InvalidImageNameException.class);
    }

    @Test
    void metadataNamesTheTaskTheSourceAndTheLink() {
        TransferItem item = TransferItem.pending("/~/x.sif", "/staging/x.sif", null, null);
        assertThat(ImageNaming.metadata(record(item, "HPC"), item, null))
                .containsEntry("globus.task_id", TASK)
                .containsEntry("globus.source_endpoint_id", "src-id")
                .containsEntry("globus.source_endpoint", "HPC")
                .containsEntry("globus.source_path", "/~/x.sif")
                .containsEntry("globus.link", "https://app.globus.org/activity/" + TASK);
    }

    @Test
    void onceKeysAreTaskAndDestinationAndStayShortForLongPaths() {
        assertThat(OnceKeys.of(TASK, "/staging/x.sif")).isEqualTo(TASK + ":/staging/x.sif");
        String longPath = "/staging/" + "d/".repeat(300) + "x.sif";
        assertThat(OnceKeys.of(TASK, longPath)).startsWith(TASK + ":sha256:").hasSizeLessThan(120)
                .isEqualTo(OnceKeys.of(TASK, longPath)).isNotEqualTo(OnceKeys.of(TASK, longPath + "2"));
    }

    @Test
    void messagesAreInPlainWordsWithAShortTaskId() {
        assertThat(ImportMessages.imported(TASK, "demo/lolcow:latest"))
                .isEqualTo("task 3f2a91c0… finished; imported demo/lolcow:latest");
    }
}
