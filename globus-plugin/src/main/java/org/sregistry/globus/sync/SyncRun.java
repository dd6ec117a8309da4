package org.sregistry.globus.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The last run of a sync rule: which slot, what it sent and how it ended.
 * <pre>{"slot":"2026-12-02T01:00:00Z","started_at":"…","finished_at":"…","submission_id":"…","task_id":"…",
 *  "result":"ok","message":"3 new images sent to Cluster X /projects/lab/images/","images":3}</pre>
 *
 * @param slot         the scheduled time it ran for (the time of a "run now")
 * @param startedAt    when it started
 * @param finishedAt   when its result was known (null while {@link #RUNNING})
 * @param submissionId the Globus submission id of its transfer, or null (nothing sent)
 * @param taskId       the Globus task id, or null (nothing sent, or the submit not confirmed yet)
 * @param result       {@link #RUNNING}, {@link #OK}, {@link #NOTHING_NEW}, {@link #FAILED} or {@link #SKIPPED}
 * @param message      what happened, in plain words
 * @param images       how many images it sent (or is sending)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncRun(@JsonProperty("slot") Instant slot, @JsonProperty("started_at") Instant startedAt,
                      @JsonProperty("finished_at") Instant finishedAt,
                      @JsonProperty("submission_id") String submissionId, @JsonProperty("task_id") String taskId,
                      @JsonProperty("result") String result, @JsonProperty("message") String message,
                      @JsonProperty("images") int images) {

    /** Its transfer was submitted and has not ended yet. */
    public static final String RUNNING = "running";
    /** Its transfer sent every image. */
    public static final String OK = "ok";
    /** Every matching image had been sent already: no Globus request was made. */
    public static final String NOTHING_NEW = "nothing_new";
    /** It could not send, or its transfer failed. */
    public static final String FAILED = "failed";
    /** It did not start, because the previous run's transfer had not ended. */
    public static final String SKIPPED = "skipped";

    /** A run that ended at once ({@code result} anything but running). */
    static SyncRun ended(Instant slot, Instant now, String result, String message) {
        return new SyncRun(slot, now, now, null, null, result, message, 0);
    }

    /** A run whose transfer Globus took (task id null while not confirmed). */
    static SyncRun sending(Instant slot, Instant now, String submissionId, String taskId, int images,
                           String message) {
        return new SyncRun(slot, now, null, submissionId, taskId, RUNNING, message, images);
    }

    /** The same run, ended with {@code newResult}. */
    SyncRun finished(String newResult, String newMessage, String endedTaskId, Instant at) {
        return new SyncRun(slot, startedAt, at, submissionId, endedTaskId != null ? endedTaskId : taskId, newResult,
                newMessage, images);
    }

    /** True while its transfer has not ended. */
    @JsonIgnore
    public boolean running() {
        return RUNNING.equals(result);
    }
}
