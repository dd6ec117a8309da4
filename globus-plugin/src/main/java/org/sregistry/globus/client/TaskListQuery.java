package org.sregistry.globus.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed {@code task_list} filters, turned into Globus's {@code filter} syntax: clauses joined by {@code /}, values
 * by commas, time ranges {@code start,end} with either side blank, e.g.
 * {@code type:TRANSFER/status:SUCCEEDED,FAILED/completion_time:2025-05-01T00:00:00+00:00,}. Immutable.
 */
public record TaskListQuery(List<String> types, List<String> statuses, List<String> taskIds, String label,
                            OffsetDateTime requestedFrom, OffsetDateTime requestedTo,
                            OffsetDateTime completedFrom, OffsetDateTime completedTo, String orderBy) {

    public TaskListQuery {
        types = List.copyOf(types);
        statuses = List.copyOf(statuses);
        taskIds = List.copyOf(taskIds);
    }

    /** All of the caller's tasks, Globus's default order. */
    public static TaskListQuery all() {
        return new TaskListQuery(List.of(), List.of(), List.of(), null, null, null, null, null, null);
    }

    /** {@code type:...}, e.g. TRANSFER, DELETE. */
    public TaskListQuery withTypes(String... values) {
        return new TaskListQuery(List.of(values), statuses, taskIds, label, requestedFrom, requestedTo,
                completedFrom, completedTo, orderBy);
    }

    /** {@code status:...}, e.g. SUCCEEDED, FAILED. */
    public TaskListQuery withStatuses(String... values) {
        return new TaskListQuery(types, List.of(values), taskIds, label, requestedFrom, requestedTo,
                completedFrom, completedTo, orderBy);
    }

    /** {@code task_id:...}. */
    public TaskListQuery withTaskIds(List<String> ids) {
        return new TaskListQuery(types, statuses, ids, label, requestedFrom, requestedTo,
                completedFrom, completedTo, orderBy);
    }

    /** {@code label:...} in Globus syntax ({@code =exact}, {@code ~pattern}, {@code !value}, {@code !~pattern}). */
    public TaskListQuery withLabel(String labelFilter) {
        return new TaskListQuery(types, statuses, taskIds, labelFilter, requestedFrom, requestedTo,
                completedFrom, completedTo, orderBy);
    }

    /** {@code request_time:from,to}; either may be null (open side). */
    public TaskListQuery withRequestTime(OffsetDateTime from, OffsetDateTime to) {
        return new TaskListQuery(types, statuses, taskIds, label, from, to, completedFrom, completedTo, orderBy);
    }

    /** {@code completion_time:from,to}; either may be null (open side). */
    public TaskListQuery withCompletionTime(OffsetDateTime from, OffsetDateTime to) {
        return new TaskListQuery(types, statuses, taskIds, label, requestedFrom, requestedTo, from, to, orderBy);
    }

    /** {@code orderby}, e.g. {@code request_time DESC} or {@code completion_time ASC}. */
    public TaskListQuery withOrderBy(String order) {
        return new TaskListQuery(types, statuses, taskIds, label, requestedFrom, requestedTo,
                completedFrom, completedTo, order);
    }

    /** The {@code filter} parameter, or null when there is nothing to filter. */
    public String filter() {
        List<String> clauses = new ArrayList<>();
        if (!types.isEmpty()) {
            clauses.add("type:" + String.join(",", types));
        }
        if (!statuses.isEmpty()) {
            clauses.add("status:" + String.join(",", statuses));
        }
        if (!taskIds.isEmpty()) {
            clauses.add("task_id:" + String.join(",", taskIds));
        }
        if (label != null) {
            clauses.add("label:" + label);
        }
        range("request_time", requestedFrom, requestedTo, clauses);
        range("completion_time", completedFrom, completedTo, clauses);
        return clauses.isEmpty() ? null : String.join("/", clauses);
    }

    private static void range(String field, OffsetDateTime from, OffsetDateTime to, List<String> clauses) {
        if (from == null && to == null) {
            return;
        }
        clauses.add(field + ":" + (from == null ? "" : GlobusTimestamps.format(from)) + ","
                + (to == null ? "" : GlobusTimestamps.format(to)));
    }

    QueryString toQuery() {
        return new QueryString().put("filter", filter()).put("orderby", orderBy);
    }
}
