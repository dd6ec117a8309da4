package org.sregistry.globus.transfers;

import java.time.Instant;
import org.sregistry.globus.client.Task;

/** Turns a Globus task document into the {@link TaskProgress} kept in a transfer record. */
public final class TaskProgressReader {
    private TaskProgressReader() {
    }

    /** The progress a task document shows, as seen at {@code now}. */
    public static TaskProgress from(Task task, Instant now) {
        return new TaskProgress(task.status(), task.niceStatus(), orZero(task.bytesTransferred()),
                orZero(task.files()), orZero(task.filesTransferred()), orZero(task.faults()),
                task.completionTime() == null ? null : task.completionTime().toInstant(), now);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
