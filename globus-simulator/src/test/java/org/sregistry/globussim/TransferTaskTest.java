package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TransferTaskTest extends SimulatorTestBase {
    Path srcRoot;
    Path dstRoot;
    String src;
    String dst;

    @BeforeEach
    void seed() throws Exception {
        srcRoot = tmp.resolve("src");
        dstRoot = tmp.resolve("dst");
        Files.createDirectories(srcRoot.resolve("images/blobs/sha256"));
        Files.writeString(srcRoot.resolve("images/index.json"), "{\"manifests\": []}");
        Files.write(srcRoot.resolve("images/blobs/sha256/ab12"), new byte[4096]);
        Files.write(srcRoot.resolve("images/blobs/sha256/cd34"), new byte[2048]);
        src = endpoint("Lab Archive", srcRoot);
        dst = endpoint("Backup", dstRoot);
    }

    @Test
    void submissionIdAndTransferResultHaveTheGlobusShape() {
        JsonNode sid = http.get(X + "/submission_id", token).json();
        assertThat(sid.get("DATA_TYPE").asText()).isEqualTo("submission_id");
        assertThat(sid.get("value").asText()).hasSize(36);
        JsonNode result = submit(src, dst, List.of(item("/~/images/index.json", "/backup/index.json", false)),
                "label", "registry blob sync", "sync_level", 3, "verify_checksum", true, "notify_on_succeeded", false,
                "deadline", "2099-01-02T00:00:00+00:00");
        assertThat(result.get("DATA_TYPE").asText()).isEqualTo("transfer_result");
        assertThat(result.get("code").asText()).isEqualTo("Accepted");
        assertThat(result.get("resource").asText()).isEqualTo("/v0.10/transfer");
        assertThat(result.get("request_id").asText()).isNotBlank();
        assertThat(result.get("message").asText()).isNotBlank();
        String taskId = result.get("task_id").asText();
        JsonNode link = result.get("task_link");
        assertThat(link.get("DATA_TYPE").asText()).isEqualTo("link");
        assertThat(link.get("href").asText()).isEqualTo("/v0.10/task/" + taskId + "?format=json");
        assertThat(link.get("rel").asText()).isEqualTo("related");
        assertThat(link.get("resource").asText()).isEqualTo("task");
        assertThat(link.get("title").asText()).isEqualTo("related task");

        JsonNode task = awaitStatus(taskId, "SUCCEEDED");
        assertThat(task.get("DATA_TYPE").asText()).isEqualTo("task");
        assertThat(task.get("task_id").asText()).isEqualTo(taskId);
        assertThat(task.get("type").asText()).isEqualTo("TRANSFER");
        assertThat(task.get("label").asText()).isEqualTo("registry blob sync");
        assertThat(task.get("owner_id").asText()).isEqualTo(sim.defaultIdentityId());
        assertThat(task.get("request_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(task.get("completion_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(task.get("deadline").asText()).isEqualTo("2099-01-02T00:00:00+00:00");
        assertThat(task.get("source_endpoint_id").asText()).isEqualTo(src);
        assertThat(task.get("destination_endpoint_id").asText()).isEqualTo(dst);
        assertThat(task.get("source_endpoint_display_name").asText()).isEqualTo("Lab Archive");
        assertThat(task.get("destination_endpoint_display_name").asText()).isEqualTo("Backup");
        assertThat(task.get("sync_level").asInt()).isEqualTo(3);
        assertThat(task.get("verify_checksum").asBoolean()).isTrue();
        assertThat(task.get("notify_on_succeeded").asBoolean()).isFalse();
        assertThat(task.get("files").asLong()).isEqualTo(1);
        assertThat(task.get("files_transferred").asLong()).isEqualTo(1);
        assertThat(task.get("files_skipped").asLong()).isZero();
        assertThat(task.get("bytes_transferred").asLong()).isEqualTo(17);
        assertThat(task.get("subtasks_total").asLong()).isEqualTo(1);
        assertThat(task.get("subtasks_pending").asLong()).isZero();
        assertThat(task.get("subtasks_succeeded").asLong()).isEqualTo(1);
        assertThat(task.get("subtasks_failed").asLong()).isZero();
        assertThat(task.get("nice_status").isNull()).isTrue();
        assertThat(task.get("fatal_error").isNull()).isTrue();
        assertThat(task.get("is_paused").asBoolean()).isFalse();
        assertThat(task.fieldNames()).toIterable().contains("faults", "directories", "symlinks", "bytes_checksummed",
                "effective_bytes_per_second", "nice_status_expires_in", "is_ok", "canceled_by_admin", "history_deleted",
                "subtasks_retrying", "subtasks_canceled", "subtasks_expired", "subtasks_skipped_errors", "command");
        assertThat(dstRoot.resolve("backup/index.json")).hasContent("{\"manifests\": []}");
    }

    @Test
    void duplicateSubmissionIdReturnsTheOriginalTask() {
        String submissionId = http.get(X + "/submission_id", token).json().get("value").asText();
        Map<String, Object> doc = SimClient.map("DATA_TYPE", "transfer", "submission_id", submissionId,
                "source_endpoint", src, "destination_endpoint", dst,
                "DATA", List.of(item("/~/images/index.json", "/dup/index.json", false)));
        SimClient.Res first = http.postJson(X + "/transfer", token, doc);
        SimClient.Res second = http.postJson(X + "/transfer", token, doc);
        assertThat(first.json().get("code").asText()).isEqualTo("Accepted");
        assertThat(second.status()).isBetween(200, 202);
        assertThat(second.json().get("code").asText()).isEqualTo("Duplicate");
        assertThat(second.json().get("task_id").asText()).isEqualTo(first.json().get("task_id").asText());
        awaitStatus(first.json().get("task_id").asText(), "SUCCEEDED");
        assertThat(http.get(X + "/task_list", token).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void badTransferDocumentsAreRejected() {
        String sid = http.get(X + "/submission_id", token).json().get("value").asText();
        SimClient.Res noItems = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer", "submission_id", sid,
                "source_endpoint", src, "destination_endpoint", dst, "DATA", List.of()));
        assertThat(noItems.status()).isEqualTo(400);
        assertThat(noItems.json().get("code").asText()).isEqualTo("ClientError.BadRequest.NoTransferItems");
        SimClient.Res noSource = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer", "submission_id", sid,
                "destination_endpoint", dst, "DATA", List.of(item("/a", "/b", false))));
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.json().get("code").asText()).startsWith("ClientError.BadRequest");
        SimClient.Res malformed = http.postJson(X + "/transfer", token, "{\"DATA_TYPE\": \"transfer\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("ClientError.BadRequest");
        SimClient.Res unknownEp = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer", "submission_id", sid,
                "source_endpoint", "3a42f43c-1744-40dc-9b16-753d8e1589fa", "destination_endpoint", dst,
                "DATA", List.of(item("/a", "/b", false))));
        assertThat(unknownEp.status()).isEqualTo(404);
        assertThat(unknownEp.json().get("code").asText()).isEqualTo("EndpointNotFound");
        SimClient.Res badSync = http.postJson(X + "/transfer", token, Map.of("DATA_TYPE", "transfer", "submission_id", sid,
                "source_endpoint", src, "destination_endpoint", dst, "sync_level", 9, "DATA", List.of(item("/a", "/b", false))));
        assertThat(badSync.status()).isEqualTo(400);
        SimClient.Res unknownTask = http.get(X + "/task/3a42f43c-1744-40dc-9b16-753d8e1589fa", token);
        assertThat(unknownTask.status()).isEqualTo(404);
        assertThat(unknownTask.json().get("code").asText()).isEqualTo("TaskNotFound");
    }

    @Test
    void copiesBytesWithObservableProgressThenSucceeds() throws Exception {
        Files.write(srcRoot.resolve("images/big.sif"), new byte[400_000]);
        sim.setTransferBytesPerSecond(400_000); // about one second
        String taskId = submit(src, dst, List.of(item("/~/images/big.sif", "/in/big.sif", false))).get("task_id").asText();
        Set<Long> progress = new HashSet<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode t = http.get(X + "/task/" + taskId, token).json();
            if (t.get("status").asText().equals("ACTIVE")) {
                assertThat(t.get("nice_status").asText()).isIn("OK", "Queued");
                assertThat(t.get("is_ok").asBoolean()).isTrue();
                assertThat(t.get("completion_time").isNull()).isTrue();
                long b = t.get("bytes_transferred").asLong();
                if (b > 0 && b < 400_000) progress.add(b);
                return false;
            }
            return t.get("status").asText().equals("SUCCEEDED");
        });
        assertThat(progress).as("partial byte counts seen while ACTIVE").hasSizeGreaterThan(2);
        assertThat(Files.size(dstRoot.resolve("in/big.sif"))).isEqualTo(400_000);
        try (var files = Files.list(dstRoot.resolve("in"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("big.sif"); // no temp files left
        }
        JsonNode done = http.get(X + "/task/" + taskId, token).json();
        assertThat(done.get("bytes_transferred").asLong()).isEqualTo(400_000);
        assertThat(done.get("effective_bytes_per_second").asLong()).isPositive();
    }

    @Test
    void recursiveTransferListsItsSuccessfulTransfersWithMarkerPaging() {
        sim.setSuccessfulTransfersPageSize(2);
        String taskId = submit(src, dst, List.of(item("/~/images/", "/backup/images/", true))).get("task_id").asText();
        JsonNode task = awaitStatus(taskId, "SUCCEEDED");
        assertThat(task.get("files").asLong()).isEqualTo(3);
        assertThat(task.get("directories").asLong()).isEqualTo(3);
        assertThat(task.get("files_transferred").asLong()).isEqualTo(3);
        List<String> dests = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            JsonNode page = http.get(X + "/task/" + taskId + "/successful_transfers" + (marker == null ? "" : "?marker=" + marker), token).json();
            assertThat(page.get("DATA_TYPE").asText()).isEqualTo("successful_transfers");
            assertThat(page.get("marker").asInt()).isEqualTo(marker == null ? 0 : Integer.parseInt(marker));
            for (JsonNode s : page.get("DATA")) {
                assertThat(s.get("DATA_TYPE").asText()).isEqualTo("successful_transfer");
                assertThat(s.get("source_path").asText()).startsWith("/~/images/");
                assertThat(s.get("dynamic").isBoolean()).as("dynamic (the JS SDK's typings)").isTrue();
                assertThat(s.get("size").isNumber()).isTrue();
                dests.add(s.get("destination_path").asText());
            }
            marker = page.get("next_marker").isNull() ? null : page.get("next_marker").asText();
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(2);
        assertThat(dests).containsExactlyInAnyOrder("/backup/images/index.json", "/backup/images/blobs/sha256/ab12",
                "/backup/images/blobs/sha256/cd34");
        assertThat(dstRoot.resolve("backup/images/blobs/sha256/cd34")).hasSize(2048);
    }

    @Test
    void syncLevelChecksumSkipsIdenticalFiles() throws Exception {
        String first = submit(src, dst, List.of(item("/~/images/", "/b/", true))).get("task_id").asText();
        awaitStatus(first, "SUCCEEDED");
        Files.writeString(srcRoot.resolve("images/index.json"), "{\"manifests\": [1]}");
        String second = submit(src, dst, List.of(item("/~/images/", "/b/", true)), "sync_level", 3).get("task_id").asText();
        JsonNode t = awaitStatus(second, "SUCCEEDED");
        assertThat(t.get("files_skipped").asLong()).isEqualTo(2);
        assertThat(t.get("files_transferred").asLong()).isEqualTo(1);
        assertThat(t.get("bytes_checksummed").asLong()).isPositive();
        JsonNode st = http.get(X + "/task/" + second + "/successful_transfers", token).json();
        assertThat(st.get("DATA")).hasSize(1);
        assertThat(st.get("DATA").get(0).get("destination_path").asText()).isEqualTo("/b/index.json");
        assertThat(dstRoot.resolve("b/index.json")).hasContent("{\"manifests\": [1]}");
    }

    @Test
    void syncLevelChecksumSkipsAFileItemWithTheSameBytesButNotOneOfTheSameSize() throws Exception {
        List<Map<String, Object>> one = List.of(item("/~/images/blobs/sha256/ab12", "/sync/ab12", false));
        String first = submit(src, dst, one, "sync_level", 3).get("task_id").asText();
        assertThat(awaitStatus(first, "SUCCEEDED").get("files_transferred").asLong()).isEqualTo(1);

        String again = submit(src, dst, one, "sync_level", 3).get("task_id").asText();
        JsonNode skipped = awaitStatus(again, "SUCCEEDED");
        assertThat(skipped.get("files_skipped").asLong()).isEqualTo(1);
        assertThat(skipped.get("files_transferred").asLong()).isZero();
        assertThat(http.get(X + "/task/" + again + "/successful_transfers", token).json().get("DATA")).isEmpty();
        SimTask recorded = sim.task(again);
        assertThat(recorded.syncLevel()).isEqualTo(3);
        assertThat(recorded.deleteDestinationExtra()).isFalse();
        assertThat(recorded.filesSkipped()).isEqualTo(1);
        assertThat(recorded.filesTransferred()).isZero();

        byte[] changed = new byte[4096];
        changed[0] = 1; // same size, other bytes: only a checksum tells them apart
        Files.write(srcRoot.resolve("images/blobs/sha256/ab12"), changed);
        String third = submit(src, dst, one, "sync_level", 3).get("task_id").asText();
        JsonNode copied = awaitStatus(third, "SUCCEEDED");
        assertThat(copied.get("files_transferred").asLong()).isEqualTo(1);
        assertThat(copied.get("files_skipped").asLong()).isZero();
        assertThat(Files.readAllBytes(dstRoot.resolve("sync/ab12"))).isEqualTo(changed);
        assertThat(sim.task(first).syncLevel()).isEqualTo(3);
        String plain = submit(src, dst, one).get("task_id").asText();
        awaitStatus(plain, "SUCCEEDED");
        assertThat(sim.task(plain).syncLevel()).isNull();
        assertThat(sim.task(plain).filesTransferred()).isEqualTo(1); // without sync_level every file is copied
    }

    @Test
    void missingSourceEndsFailedWithReasonAndErrorEvent() {
        String taskId = submit(src, dst, List.of(item("/~/images/missing.sif", "/x/missing.sif", false))).get("task_id").asText();
        JsonNode t = awaitStatus(taskId, "FAILED");
        assertThat(t.get("nice_status").asText()).isEqualTo("FILE_NOT_FOUND");
        assertThat(t.get("fatal_error").get("code").asText()).isEqualTo("FILE_NOT_FOUND");
        assertThat(t.get("fatal_error").get("description").asText()).contains("missing.sif");
        assertThat(t.get("completion_time").isNull()).isFalse();
        assertThat(t.get("is_ok").asBoolean()).isFalse();
        JsonNode events = http.get(X + "/task/" + taskId + "/event_list?filter=is_error:1", token).json();
        assertThat(events.get("DATA_TYPE").asText()).isEqualTo("event_list");
        assertThat(events.get("total").asInt()).isEqualTo(1);
        JsonNode e = events.get("DATA").get(0);
        assertThat(e.get("DATA_TYPE").asText()).isEqualTo("event");
        assertThat(e.get("code").asText()).isEqualTo("FILE_NOT_FOUND");
        assertThat(e.get("is_error").asBoolean()).isTrue();
        assertThat(e.fieldNames()).toIterable().contains("description", "details", "time");
        assertThat(e.get("details").isTextual()).as("details is a string, never null (globus-api.md §3.11)").isTrue();
        assertThat(http.get(X + "/task/" + taskId + "/successful_transfers", token).json().get("DATA")).isEmpty();
    }

    @Test
    void permissionProblemEndsFailed() {
        String foreign = sim.createEndpoint(EndpointSpec.named("Someone else's").owner("mallory@example.org")).id;
        String taskId = submit(src, foreign, List.of(item("/~/images/index.json", "/x.json", false))).get("task_id").asText();
        JsonNode t = awaitStatus(taskId, "FAILED");
        assertThat(t.get("nice_status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(t.get("fatal_error").get("description").asText()).contains("Someone else's");
    }

    @Test
    void controlApiForcesAFailureWithReason() {
        sim.holdTransfers(true);
        String taskId = submit(src, dst, List.of(item("/~/images/index.json", "/f/index.json", false))).get("task_id").asText();
        assertThat(http.get(X + "/task/" + taskId, token).json().get("status").asText()).isEqualTo("ACTIVE");
        SimClient.Res r = http.postJson("/sim/tasks/" + taskId + "/fail", Map.of("reason", "disk quota exceeded"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = http.get(X + "/task/" + taskId, token).json();
        assertThat(t.get("status").asText()).isEqualTo("FAILED");
        assertThat(t.get("fatal_error").get("description").asText()).isEqualTo("disk quota exceeded");
        assertThat(t.get("nice_status_short_description").asText()).isEqualTo("disk quota exceeded");
        assertThat(http.postJson("/sim/tasks/" + taskId + "/fail", Map.of()).status()).isEqualTo(409);
        assertThat(Files.exists(dstRoot.resolve("f/index.json"))).isFalse();
    }

    @Test
    void cancelStopsAnActiveTask() {
        sim.holdTransfers(true);
        String taskId = submit(src, dst, List.of(item("/~/images/index.json", "/c/index.json", false))).get("task_id").asText();
        SimClient.Res r = http.postJson(X + "/task/" + taskId + "/cancel", token, "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("DATA_TYPE").asText()).isEqualTo("result");
        assertThat(r.json().get("code").asText()).isEqualTo("Canceled");
        assertThat(http.get(X + "/task/" + taskId, token).json().get("status").asText()).isEqualTo("FAILED");
        SimClient.Res again = http.postJson(X + "/task/" + taskId + "/cancel", token, "");
        assertThat(again.json().get("code").asText()).isEqualTo("TaskComplete");
    }

    @Test
    void tasksOfOthersAreNotVisible() {
        String taskId = submit(src, dst, List.of(item("/~/images/index.json", "/o/index.json", false))).get("task_id").asText();
        IdentityTokens eve = sim.createIdentity("eve@example.org");
        assertThat(http.get(X + "/task/" + taskId, eve.accessToken()).status()).isEqualTo(403);
        assertThat(http.get(X + "/task_list", eve.accessToken()).json().get("total").asInt()).isZero();
    }
}
