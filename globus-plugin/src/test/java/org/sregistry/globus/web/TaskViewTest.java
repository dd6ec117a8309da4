package org.sregistry.globus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sregistry.globus.transfers.Direction;
import org.sregistry.globus.transfers.TaskDetails;
import org.sregistry.globus.transfers.TaskProgress;
import org.sregistry.globus.transfers.TransferItem;
import org.sregistry.globus.transfers.TransferRecord;

/** {@link TaskView}: Globus's {@code nice_status} is shown for a stalled active task only. */
class TaskViewTest {
    private static final Instant T = Instant.parse("2030-01-01T10:00:00Z");

    private static TransferRecord bring(TaskProgress progress) {
        return new TransferRecord("b4705386-82a6-4ad2-a0f4-7b22c527500d", Direction.GET, "sregistry pull bob-x",
                "8c3f6d52-2a47-4d1b-b0f3-6e9a1c4d2e02", "Cluster", "5a1e0c37-6f0e-4b8e-9f4e-0d5c2b1f7a01", "registry",
                List.of(TransferItem.pending("/~/x.sif", "/t/s/x.sif", "/srv/staging/t/s/x.sif", "bob/x:1")), T,
                progress, false, List.of());
    }

    private static TaskProgress progress(String status, String nice, String fatal) {
        TaskDetails details = new TaskDetails(null, null, 1L, 0L, 0L, 1L, 0L, 0L, 0L, null, true, fatal);
        return new TaskProgress(status, nice, 0, 1, 0, 0, "FAILED".equals(status) ? T : null, T, details);
    }

    @Test
    void aStalledActiveTaskSaysWhy() {
        assertThat(TaskView.of(bring(progress("ACTIVE", "GC_PAUSED", null))).niceStatus()).isEqualTo("GC_PAUSED");
        assertThat(TaskView.of(bring(progress("ACTIVE", "OK", null))).niceStatus()).isNull();
    }

    @Test
    void aFinishedTaskShowsItsStatusOnceEvenWhenNiceStatusIsLeftOver() {
        TaskView canceled = TaskView.of(bring(progress("FAILED", "CANCELED", "CANCELED")));
        assertThat(canceled.status()).isEqualTo("CANCELED");
        assertThat(canceled.niceStatus()).as("no second CANCELED badge").isNull();
        assertThat(TaskView.of(bring(progress("FAILED", "PERMISSION_DENIED", "PERMISSION_DENIED"))).niceStatus())
                .isNull();
    }
}
