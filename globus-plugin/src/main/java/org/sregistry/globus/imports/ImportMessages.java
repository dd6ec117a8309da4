package org.sregistry.globus.imports;

/** The plain-words lines shown on the activity page and written to the log. */
final class ImportMessages {
    private ImportMessages() {
    }

    /** {@code task 3f2a91c0…}: short enough to read, long enough to find in Globus. */
    static String task(String taskId) {
        if (taskId == null) {
            return "the transfer";
        }
        return "task " + (taskId.length() > 8 ? taskId.substring(0, 8) + "…" : taskId);
    }

    static String imported(String taskId, String imageName) {
        return task(taskId) + " finished; imported " + imageName;
    }

    /** Empty, or why the image got another name than the one asked for. */
    static String renamedNote(ImageAdder.Added added) {
        return added.renamed() ? " (" + added.requested() + " exists already and was left as it is; tick \"replace\""
                + " on the Bring form to replace an image)" : "";
    }

    static String alreadyImported(String taskId, String imageName) {
        return imported(taskId, imageName) + " (the registry had it already: nothing added twice)";
    }

    static String pushed(String taskId, int images) {
        return task(taskId) + " finished; " + images + (images == 1 ? " image" : " images")
                + " sent, staged copies removed";
    }

    static String pushFailed(String taskId, String reason) {
        return task(taskId) + " failed: " + reason + "; staged copies removed";
    }

    static String pullFailed(String taskId, String reason) {
        return task(taskId) + " failed: " + reason;
    }

    static String willRetry(String taskId, String file, String problem, int attempt, int max) {
        return task(taskId) + ": " + file + " not imported yet: " + problem + " (attempt " + attempt + " of " + max
                + "; will retry)";
    }

    static String gaveUp(String taskId, String file, String problem, int attempts) {
        return task(taskId) + ": gave up importing " + file + " after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + problem;
    }

    static String cannotImport(String taskId, String file, String problem) {
        return task(taskId) + ": cannot import " + file + ": " + problem;
    }

    static String refused(String taskId, String file, String why) {
        return task(taskId) + ": refused " + file + ": " + why + "; it was not read or imported, and nothing it points"
                + " to is touched";
    }

    static String foreignArrived(String taskId, int files, String source) {
        return task(taskId) + " (started outside the registry) brought " + files + (files == 1 ? " file" : " files")
                + " into the staging folder" + (source == null ? "" : " from " + source);
    }

    static String vanished(String taskId) {
        return task(taskId) + " is no longer known to Globus; its files were not imported";
    }

    static String quarantined(String taskId, String file, String problem, boolean retriedByItself) {
        return task(taskId) + ": " + file + " could not be imported (" + problem + "); it is kept in quarantine"
                + (retriedByItself ? " and retried by itself" : "") + ": Retry or Discard it on the activity page";
    }

    static String keptInStaging(String taskId, String file, String why) {
        return task(taskId) + ": " + file + " could not be moved to the quarantine folder (" + why
                + "); it is kept in the staging folder instead";
    }

    static String stillQuarantined(String taskId, String file, String problem, String next) {
        return task(taskId) + ": " + file + " still cannot be imported (" + problem + "); "
                + (next == null ? "it waits for Retry or Discard" : "next try " + next);
    }

    static String quarantinedFileGone(String taskId, String file, String path) {
        return task(taskId) + ": the quarantined copy of " + file + " (" + path + ") is gone; nothing to import";
    }

    static String retryAsked(String taskId, String file) {
        return task(taskId) + ": Retry of " + file + " asked on the activity page";
    }

    static String discarded(String taskId, String file) {
        return task(taskId) + ": " + file + " discarded on the activity page; its bytes are deleted";
    }

    static String resubmitted(String taskId, boolean duplicate) {
        return task(taskId) + ": the registry stopped before it heard Globus's answer; sent again with the same "
                + "submission id: " + (duplicate ? "Globus had it already (Duplicate)"
                : "Globus had not received it, it runs now");
    }

    static String notSubmitted(String reason, boolean stagedCopies) {
        return "not submitted: " + reason + (stagedCopies ? "; staged copies removed" : "");
    }
}
