package org.sregistry.globus.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportCursorTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void aSeenTaskMovesTheCursorForwardAndTheListingReachesBackByTheOverlap() {
        ImportCursor cursor = ImportCursor.startingAt(T0).withSeen("a", T0.plusSeconds(60));
        assertThat(cursor.through()).isEqualTo(T0.plusSeconds(60));
        assertThat(cursor.listFrom()).isEqualTo(T0.plusSeconds(60).minus(ImportCursor.OVERLAP));
        assertThat(cursor.hasSeen("a")).isTrue();
        assertThat(cursor.hasSeen("b")).isFalse();
    }

    @Test
    void anOlderTaskNeverMovesItBackAndEntriesOlderThanTheOverlapAreForgotten() {
        ImportCursor cursor = ImportCursor.startingAt(T0).withSeen("old", T0.minusSeconds(10))
                .withSeen("new", T0.plusSeconds(3600));
        assertThat(cursor.through()).isEqualTo(T0.plusSeconds(3600));
        assertThat(cursor.seen()).containsOnlyKeys("new");
    }

    @Test
    void theListingStartsAtAWholeSecondAndEveryTaskListedFromThatSecondStaysSeen() {
        Instant now = T0.plusMillis(700);
        ImportCursor cursor = ImportCursor.startingAt(now).withSeen("edge", T0.minus(ImportCursor.OVERLAP));
        assertThat(cursor.listFrom()).isEqualTo(T0.minus(ImportCursor.OVERLAP));
        assertThat(cursor.hasSeen("edge")).isTrue();
    }

    @Test
    void mergingTwoProcessesCursorsKeepsTheLaterTimeAndBothSeenSets() {
        ImportCursor mine = new ImportCursor(T0.plusSeconds(5), Map.of("a", T0.plusSeconds(5)));
        ImportCursor theirs = new ImportCursor(T0.plusSeconds(9), Map.of("b", T0.plusSeconds(9)));
        ImportCursor merged = mine.mergedWith(theirs);
        assertThat(merged.through()).isEqualTo(T0.plusSeconds(9));
        assertThat(merged.seen()).containsOnlyKeys("a", "b");
        assertThat(theirs.mergedWith(mine)).isEqualTo(merged);
    }
}
