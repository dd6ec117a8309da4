package org.sregistry.globus.imports;

import java.time.Instant;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.TaskProgress;

/** The ledger's view of a Globus task document. */
final class TaskProgresses {
    private TaskProgresses() {
    }

    static TaskProgress of(Task task, Instant checkedAt) {
        return new TaskProgress(task.status(), task.niceStatus(), orZero(task.bytesTransferred()), orZero(task.files()),
                orZero(task.filesTransferred()), orZero(task.faults()),
                task.completionTime() == null ? null : task.completionTime().toInstant(), checkedAt);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
