package org.sregistry.globus.client;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskListQueryTest {

    @Test
    void buildsGlobusFilterSyntax() {
        OffsetDateTime from = OffsetDateTime.of(2025, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.of(2025, 7, 30, 12, 0, 0, 0, ZoneOffset.UTC);
        TaskListQuery q = TaskListQuery.all().withTypes("TRANSFER").withStatuses("SUCCEEDED", "FAILED")
                .withCompletionTime(from, to).withOrderBy("completion_time ASC");
        assertThat(q.filter()).isEqualTo(
                "type:TRANSFER/status:SUCCEEDED,FAILED/completion_time:2025-05-01T00:00:00Z,2025-07-30T12:00:00Z");
        assertThat(q.toQuery().encoded()).contains("orderby=completion_time%20ASC");
    }

    @Test
    void openRangesAndTaskIds() {
        OffsetDateTime from = OffsetDateTime.of(2025, 5, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2));
        TaskListQuery q = TaskListQuery.all().withTaskIds(List.of("a", "b")).withRequestTime(from, null);
        assertThat(q.filter()).isEqualTo("task_id:a,b/request_time:2025-05-01T00:00:00+02:00,");
        assertThat(TaskListQuery.all().filter()).isNull();
    }
}
