package org.sregistry.globus.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A retried submit must never start a second task: one submission_id, taken before the first attempt. */
class SubmitRetrySimTest {

    private static final String SUBMIT = "POST /transfer/v0.10/transfer";
    private static final String SUBMISSION_ID = "GET /transfer/v0.10/submission_id";

    @TempDir
    static Path dir;
    static SimHarness h;
    static TransferClient transfer;
    static String src;
    static String dst;

    @BeforeAll
    static void start() throws Exception {
        h = new SimHarness(dir.resolve("sim"), Duration.ofMillis(800));
        transfer = h.transfer(h.manager(h.login()));
        Path s = Files.createDirectories(dir.resolve("src"));
        Files.writeString(s.resolve("image.sif"), "payload");
        Files.createDirectories(dir.resolve("dst"));
        src = h.createEndpoint(Map.of("display_name", "S", "root", s.toString())).get("id").asText();
        dst = h.createEndpoint(Map.of("display_name", "D", "root", dir.resolve("dst").toString())).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @BeforeEach
    void clear() throws Exception {
        h.sleeps.clear();
        h.resetStats();
    }

    private TransferRequest request(String label) {
        return TransferRequest.builder(src, dst).label(label).addFile("/image.sif", "/" + label + ".sif").build();
    }

    private int tasksLabelled(String label) {
        return transfer.taskList(TaskListQuery.all().withLabel("=" + label)).size();
    }

    @Test
    void submitRetriedAfter503CreatesExactlyOneTask() throws Exception {
        String label = "retry503-" + UUID.randomUUID();
        h.fault(SUBMIT, 503, 1, 1, 0);
        TransferResult result = transfer.submitTransfer(request(label));
        assertThat(result.taskId()).isNotBlank();
        assertThat(h.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(h.requests(SUBMIT)).isEqualTo(2);
        assertThat(h.requests(SUBMISSION_ID)).isEqualTo(1);
        assertThat(tasksLabelled(label)).isEqualTo(1);
    }

    @Test
    void submitWhoseAnswerWasLostIsAnsweredAsTheSameTask() throws Exception {
        String label = "lost-" + UUID.randomUUID();
        // The first attempt is served after the client gave up waiting (timeout): the retry must be a Duplicate of it.
        h.fault(SUBMIT, 0, 1, null, 1500);
        TransferResult result = transfer.submitTransfer(request(label));
        assertThat(h.requests(SUBMISSION_ID)).isEqualTo(1);
        assertThat(h.sleeps()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(h.requests(SUBMIT)).isEqualTo(2));
        Thread.sleep(1000); // let the delayed first attempt finish on the simulator
        assertThat(tasksLabelled(label)).isEqualTo(1);
        assertThat(transfer.taskList(TaskListQuery.all().withLabel("=" + label)).get(0).taskId())
                .isEqualTo(result.taskId());
    }

    @Test
    void anExplicitSubmissionIdIsUsedAsIs() {
        String id = transfer.submissionId();
        h.sleeps.clear();
        TransferResult first = transfer.submitTransfer(request("explicit-" + id).withSubmissionId(id));
        TransferResult second = transfer.submitTransfer(request("explicit-" + id).withSubmissionId(id));
        assertThat(first.submissionId()).isEqualTo(id);
        assertThat(second.isDuplicate()).isTrue();
        assertThat(second.taskId()).isEqualTo(first.taskId());
    }
}
