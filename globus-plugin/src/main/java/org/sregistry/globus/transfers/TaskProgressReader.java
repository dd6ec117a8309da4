package org.sregistry.globus.transfers;

import com.fasterxml.jackson.databind.JsonNode;
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
                task.completionTime() == null ? null : task.completionTime().toInstant(), now, details(task));
    }

    /** The extras of the task's page. */
    static TaskDetails details(Task task) {
        JsonNode fatal = task.fatalError();
        String fatalCode = fatal == null || fatal.isNull() || fatal.path("code").isNull() ? null
                : fatal.path("code").asText(null);
        return new TaskDetails(task.niceStatusShortDescription(), task.isOk(), task.subtasksTotal(),
                task.subtasksSucceeded(), task.subtasksFailed(), sum(task.subtasksPending(), task.subtasksRetrying()),
                task.subtasksSkippedErrors(), sum(task.subtasksCanceled(), task.subtasksExpired()),
                task.filesSkipped(), task.effectiveBytesPerSecond(), task.verifyChecksum(), fatalCode);
    }

    private static Long sum(Long a, Long b) {
        return a == null && b == null ? null : orZero(a) + orZero(b);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
