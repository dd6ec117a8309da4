package org.sregistry.globus.transfers;

/**
 * The answer to a push or pull: the Globus task and what was recorded.
 *
 * @param taskId       the Globus task id, or null while Globus has not confirmed the submit (see {@link #pending()})
 * @param submissionId the submission id it was sent with
 * @param message      "Transfer submitted: ..." in plain words
 * @param record       the ledger record (task id null while pending)
 */
public record SubmittedTransfer(String taskId, String submissionId, String message, TransferRecord record) {

    /**
     * True when Globus did not answer the submit (network failure, 5xx): it may or may not have the task. The intent
     * stays in the ledger and the import task sends the same submit again (Globus answers {@code Duplicate} if it had
     * it), so the transfer appears on the activity page either way; sending it again by hand would make two.
     */
    public boolean pending() {
        return taskId == null;
    }

    /** The task in the Globus web app, or null while pending. */
    public String globusLink() {
        return taskId == null ? null : "https://app.globus.org/activity/" + taskId;
    }

    /** The transfer on the registry's activity page (under its submission id while pending). */
    public String activityLink() {
        return "/globus/tasks/" + (taskId != null ? taskId : submissionId);
    }
}
