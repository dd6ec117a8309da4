package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sregistry.globus.transfers.ItemState;
import org.sregistry.globus.transfers.TransferItem;

class QuarantineTest {
    @TempDir
    Path dir;

    @Test
    void automaticRetriesBackOffFromAMinuteToAtMostAnHour() {
        assertThat(java.util.stream.IntStream.range(0, 9).mapToObj(Quarantine::backoff).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(Quarantine.backoff(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aQuarantinedFileIsDueWhenAskedForWhenItsBackoffEndedOrWhenItsFolderHasRoom() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        TransferItem kept = TransferItem.pending("/~/a.sif", "/staging/a.sif", "/s/a.sif", "demo/a:1")
                .quarantinedAt("/q/a.sif", 5L, "disk full", 5, now.plusSeconds(60), null);
        assertThat(QuarantineRetries.due(kept, now)).isFalse();
        assertThat(QuarantineRetries.due(kept, now.plusSeconds(60))).isTrue();
        assertThat(QuarantineRetries.due(kept.rescheduled(ItemState.RETRYING, "x", 5, null, null), now)).isTrue();
        assertThat(QuarantineRetries.due(kept.rescheduled(ItemState.QUARANTINED, "bad name", 5, null, null),
                now.plusSeconds(86_400))).as("never by itself").isFalse();
        assertThat(QuarantineRetries.due(kept.rescheduled(ItemState.QUARANTINED, "full", 5, now.plusSeconds(3600),
                new TransferItem.SpaceWait(dir.toString(), 1)), now)).as("room again").isTrue();
        assertThat(QuarantineRetries.due(kept.rescheduled(ItemState.QUARANTINED, "full", 5, now.plusSeconds(3600),
                new TransferItem.SpaceWait(dir.toString(), Long.MAX_VALUE)), now)).isFalse();
    }

    @Test
    void aMoveKeepsTheBytesAndLeavesNoPartFile() throws Exception {
        Path from = Files.writeString(Files.createDirectories(dir.resolve("staging")).resolve("staged.sif"),
                "image bytes");
        Path to = dir.resolve("quarantine/task/0-staged.sif");

        Quarantine.move(new org.sregistry.globus.transfers.ConfinedFolder(dir.resolve("staging")), from, to);

        assertThat(to).hasContent("image bytes");
        assertThat(from).doesNotExist();
        try (var files = Files.list(to.getParent())) {
            assertThat(files).containsExactly(to);
        }
    }
}
