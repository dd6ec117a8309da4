package org.sregistry.globus.imports;

import java.time.Instant;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.transfers.TaskProgress;
import org.sregistry.globus.transfers.TaskProgressReader;

/** The ledger's view of a Globus task document (the same as the activity page's refresher keeps). */
final class TaskProgresses {
    private TaskProgresses() {
    }

    static TaskProgress of(Task task, Instant checkedAt) {
        return TaskProgressReader.from(task, checkedAt);
    }
}
