package org.sregistry.globussim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskListTest extends SimulatorTestBase {

    @Test
    void filtersOrderingAndOffsetPaging() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root);
        Files.writeString(root.resolve("a.sif"), "a");
        String ep = endpoint("R", root);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String label = i % 2 == 0 ? "registry pull " + i : "registry push " + i;
            ids.add(submit(ep, ep, List.of(item("/~/a.sif", "/out/" + i + ".sif", false)), "label", label).get("task_id").asText());
        }
        String failed = submit(ep, ep, List.of(item("/~/missing.sif", "/out/m.sif", false)), "label", "registry pull broken")
                .get("task_id").asText();
        ids.forEach(id -> awaitStatus(id, "SUCCEEDED"));
        awaitStatus(failed, "FAILED");

        JsonNode all = list("");
        assertThat(all.get("DATA_TYPE").asText()).isEqualTo("task_list");
        assertThat(all.get("total").asInt()).isEqualTo(5);
        assertThat(all.get("length").asInt()).isEqualTo(5);
        assertThat(all.get("offset").asInt()).isZero();
        assertThat(all.get("limit").asInt()).isEqualTo(10);
        assertThat(all.get("DATA").get(0).get("task_id").asText()).isEqualTo(failed); // newest first by default

        assertThat(taskIds(list("filter=status:FAILED"))).containsExactly(failed);
        assertThat(list("filter=type:TRANSFER/status:SUCCEEDED,FAILED").get("total").asInt()).isEqualTo(5);
        assertThat(list("filter=type:DELETE").get("total").asInt()).isZero();
        assertThat(list("filter=label:~pull").get("total").asInt()).isEqualTo(3);
        assertThat(list("filter=label:~*push*").get("total").asInt()).isEqualTo(2);
        assertThat(list("filter=label:!~pull").get("total").asInt()).isEqualTo(2);
        assertThat(list("filter=" + SimClient.enc("label:=registry push 1")).get("total").asInt()).isEqualTo(1);
        assertThat(taskIds(list("filter=task_id:" + ids.get(0) + "," + ids.get(1) + "&orderby=" + SimClient.enc("request_time ASC"))))
                .containsExactly(ids.get(0), ids.get(1));

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String cli = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(now.minusSeconds(60));
        String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC).format(now.plusSeconds(60));
        assertThat(list("filter=" + SimClient.enc("completion_time:" + cli + "," + iso)).get("total").asInt()).isEqualTo(5);
        assertThat(list("filter=" + SimClient.enc("completion_time:" + iso + ",")).get("total").asInt()).isZero();
        assertThat(list("filter=" + SimClient.enc("request_time:," + cli)).get("total").asInt()).isZero();
        assertThat(list("filter=" + SimClient.enc("status:SUCCEEDED/completion_time:" + cli + ",")).get("total").asInt()).isEqualTo(4);

        List<String> paged = new ArrayList<>();
        int offset = 0;
        int pages = 0;
        while (true) {
            JsonNode page = list("limit=2&offset=" + offset + "&orderby=" + SimClient.enc("request_time ASC"));
            assertThat(page.get("limit").asInt()).isEqualTo(2);
            paged.addAll(taskIds(page));
            pages++;
            offset += page.get("length").asInt();
            if (offset >= page.get("total").asInt()) break;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).hasSize(5).doesNotHaveDuplicates();
        assertThat(paged.subList(0, 4)).containsExactlyElementsOf(ids);

        JsonNode trimmed = list("fields=task_id,status");
        assertThat(trimmed.get("DATA").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("DATA_TYPE", "task_id", "status");
    }

    private JsonNode list(String query) {
        SimClient.Res r = http.get(X + "/task_list" + (query.isEmpty() ? "" : "?" + query), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> taskIds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("DATA").forEach(t -> out.add(t.get("task_id").asText()));
        return out;
    }

    @Test
    void seededHistoryIsListedAndFilteredByCompletionTime() {
        String ep = endpoint("Seed", tmp.resolve("seed"));
        SimClient.Res seeded = http.postJson("/sim/tasks/seed", java.util.Map.of("count", 1000, "status", "SUCCEEDED",
                "source_endpoint", ep, "destination_endpoint", ep));
        assertThat(seeded.status()).as(seeded.body()).isEqualTo(200);
        assertThat(seeded.json().get("task_ids")).hasSize(1000);
        JsonNode page = list("limit=1000&filter=" + SimClient.enc("type:TRANSFER/status:SUCCEEDED,FAILED"));
        assertThat(page.get("total").asInt()).isEqualTo(1000);
        assertThat(page.get("length").asInt()).isEqualTo(1000);
        String newest = page.get("DATA").get(0).get("completion_time").asText();
        assertThat(list("filter=" + SimClient.enc("completion_time:" + newest + ",")).get("total").asInt()).isEqualTo(1);
        String id = seeded.json().get("task_ids").get(0).asText();
        assertThat(http.get(X + "/task/" + id + "/successful_transfers", token).json().get("DATA")).hasSize(1);
    }
}
