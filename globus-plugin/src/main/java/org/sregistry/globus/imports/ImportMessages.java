package org.sregistry.globus.imports;

/** The plain-words lines shown on the activity page and written to the log. */
final class ImportMessages {
    private ImportMessages() {
    }

    /** {@code task 3f2a91c0…}: short enough to read, long enough to find in Globus. */
    static String task(String taskId) {
        return "task " + (taskId.length() > 8 ? taskId.substring(0, 8) + "…" : taskId);
    }

    static String imported(String taskId, String imageName) {
        return task(taskId) + " finished; imported " + imageName;
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

    static String foreignArrived(String taskId, int files, String source) {
        return task(taskId) + " (started outside the registry) brought " + files + (files == 1 ? " file" : " files")
                + " into the staging folder" + (source == null ? "" : " from " + source);
    }

    static String vanished(String taskId) {
        return task(taskId) + " is no longer known to Globus; its files were not imported";
    }
}
