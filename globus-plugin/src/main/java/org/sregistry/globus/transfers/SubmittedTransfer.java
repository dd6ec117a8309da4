package org.sregistry.globus.transfers;

/**
 * The answer to a push or pull: the Globus task and what was recorded.
 *
 * @param taskId  the Globus task id
 * @param message "Transfer submitted: ..." in plain words
 * @param record  the ledger record
 */
public record SubmittedTransfer(String taskId, String message, TransferRecord record) {

    /** The task in the Globus web app. */
    public String globusLink() {
        return "https://app.globus.org/activity/" + taskId;
    }

    /** The task on the registry's activity page. */
    public String activityLink() {
        return "/globus/tasks/" + taskId;
    }
}
