package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sregistry.globus.sync.SyncRule;
import org.sregistry.globus.sync.SyncRuleException;
import org.sregistry.globus.sync.SyncRuleInput;
import org.sregistry.globus.sync.SyncRun;

/** The JSON of {@code /api/globus/sync}: a rule as shown, and a body read into what the caller asks. */
final class SyncJson {
    private SyncJson() {
    }

    /** A rule as the API shows it. */
    static Map<String, Object> of(SyncRule rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", rule.id());
        body.put("owner", rule.owner());
        body.put("collection", rule.collection());
        body.put("match", rule.match());
        body.put("endpoint_id", rule.endpointId());
        body.put("endpoint_name", rule.endpointName());
        body.put("path", rule.path());
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("every", rule.schedule().every());
        schedule.put("at", rule.schedule().at());
        schedule.put("zone", rule.schedule().zone());
        if (rule.schedule().day() != null) {
            schedule.put("day", rule.schedule().day());
        }
        schedule.put("text", rule.schedule().describe());
        body.put("schedule", schedule);
        body.put("enabled", rule.enabled());
        body.put("next_run_at", text(rule.nextRunAt()));
        body.put("last_run", rule.lastRun() == null ? null : run(rule.lastRun()));
        body.put("sent", rule.sent());
        body.put("created_at", text(rule.createdAt()));
        body.put("updated_at", text(rule.updatedAt()));
        return body;
    }

    private static Map<String, Object> run(SyncRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slot", text(run.slot()));
        body.put("started_at", text(run.startedAt()));
        body.put("finished_at", text(run.finishedAt()));
        body.put("result", run.result());
        body.put("message", run.message());
        body.put("images", run.images());
        body.put("task_id", run.taskId());
        body.put("submission_id", run.submissionId());
        return body;
    }

    /**
     * What {@code body} asks: {@code {"endpoint_id","endpoint_name","path","match",
     * "schedule":{"every","at","zone","day"},"enabled"}}, absent fields left as they are.
     */
    static SyncRuleInput input(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SyncRuleException.invalid("body", "expected a JSON object such as {\"match\":\"lab/*\",…}");
        }
        JsonNode schedule = body.path("schedule");
        if (!schedule.isMissingNode() && !schedule.isNull() && !schedule.isObject()) {
            throw SyncRuleException.invalid("schedule", "expected {\"every\":\"P1D\",\"at\":\"02:00\",\"zone\":\"UTC\"}");
        }
        JsonNode enabled = body.path("enabled");
        if (!enabled.isMissingNode() && !enabled.isNull() && !enabled.isBoolean()) {
            throw SyncRuleException.invalid("enabled", "expected true or false");
        }
        return new SyncRuleInput(text(body, "endpoint_id", "endpoint_id"), text(body, "endpoint_name", "endpoint_name"),
                text(body, "path", "path"), text(body, "match", "match"),
                text(schedule, "every", "schedule.every"), text(schedule, "at", "schedule.at"),
                text(schedule, "zone", "schedule.zone"), text(schedule, "day", "schedule.day"),
                enabled.isBoolean() ? enabled.asBoolean() : null);
    }

    private static String text(JsonNode node, String name, String field) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw SyncRuleException.invalid(field, "expected a string");
        }
        return value.asText();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
