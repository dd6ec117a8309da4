package org.sregistry.globus.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.Task;
import org.sregistry.globus.client.TaskEvent;
import org.sregistry.globus.client.TransferClient;

/** Why Globus says a task failed, in its own words. */
final class FailureReasons {
    private static final Logger LOG = LoggerFactory.getLogger(FailureReasons.class);
    static final String UNKNOWN = "Globus reported the transfer as failed without a reason";

    private FailureReasons() {
    }

    /**
     * {@code fatal_error} or {@code nice_status} of the task; when both are empty, the newest error
     * event (one more request, only for failed tasks).
     */
    static String of(Task task, TransferClient transfer) {
        String problem = task.problem();
        if (problem != null && !problem.isBlank()) {
            return problem;
        }
        try {
            for (TaskEvent event : transfer.eventListPage(task.taskId(), true, 0, 1).data()) {
                String text = event.description() != null ? event.description() : event.code();
                if (text != null && !text.isBlank()) {
                    return text;
                }
            }
        } catch (GlobusApiException e) {
            LOG.debug("no events for failed task {}: {}", task.taskId(), e.getMessage());
        }
        return UNKNOWN;
    }
}
