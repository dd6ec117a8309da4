package org.sregistry.globussim.transfer;

import org.sregistry.globussim.RuntimeSettings;
import org.sregistry.globussim.http.ApiError;
import org.sregistry.globussim.http.Call;
import org.sregistry.globussim.http.Ids;
import org.sregistry.globussim.http.Reply;
import org.sregistry.globussim.http.Router;
import org.sregistry.globussim.store.Endpoint;
import org.sregistry.globussim.store.TaskRecord;
import org.sregistry.globussim.store.TaskStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Submission and task operations: submission_id, transfer, task, task_list, successful_transfers, event_list, cancel. */
public final class TaskRoutes {
    private final TransferAuth auth;
    private final EndpointAccess access;
    private final TaskStore tasks;
    private final TransferEngine engine;
    private final RuntimeSettings settings;

    public TaskRoutes(TransferAuth auth, EndpointAccess access, TaskStore tasks, TransferEngine engine, RuntimeSettings settings) {
        this.auth = auth;
        this.access = access;
        this.tasks = tasks;
        this.engine = engine;
        this.settings = settings;
    }

    public void register(Router.Group transfer) {
        transfer.get("/v0.10/submission_id", this::submissionId)
                .post("/v0.10/transfer", this::submit)
                .get("/v0.10/task_list", this::taskList)
                .get("/v0.10/task/{task_id}", this::task)
                .get("/v0.10/task/{task_id}/successful_transfers", this::successfulTransfers)
                .get("/v0.10/task/{task_id}/event_list", this::eventList)
                .post("/v0.10/task/{task_id}/cancel", this::cancel);
    }

    private Reply submissionId(Call call) {
        auth.authenticate(call);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "submission_id");
        d.put("value", Ids.uuid());
        return Reply.json(d);
    }

    private Reply submit(Call call) {
        Caller caller = auth.authenticate(call);
        TaskRecord t = TransferDocumentParser.parse(call.jsonObject());
        Endpoint src = access.visible(caller, t.sourceEndpointId);
        Endpoint dst = access.visible(caller, t.destinationEndpointId);
        EndpointAccess.requireConsent(caller, List.of(src, dst));
        for (Endpoint e : List.of(src, dst)) {
            if (e.nonFunctional) {
                throw new ApiError(400, "ClientError.BadRequest.NonFunctionalEndpoint",
                        "Endpoint '" + e.id + "' is a non-functional GCSv5 endpoint; use one of its collections");
            }
        }
        for (TaskRecord.Item item : t.items) {
            EndpointPaths.resolve(src, item.sourcePath);
            EndpointPaths.resolve(dst, item.destinationPath);
        }
        t.taskId = Ids.uuid();
        t.ownerId = caller.id();
        t.ownerUsername = caller.identity().username;
        t.submittedByClientId = caller.token().clientId;
        t.requestTime = Instant.now();
        t.sourceDisplayName = src.displayName;
        t.destinationDisplayName = dst.displayName;
        TaskRecord earlier = tasks.addIfNew(t);
        if (earlier != null) {
            Map<String, Object> d = transferResult(call, "Duplicate",
                    "A transfer with submission id '" + t.submissionId + "' was already submitted", earlier);
            return Reply.json(200, d);
        }
        engine.start(t);
        return Reply.json(202, transferResult(call, "Accepted",
                "The transfer has been accepted and a task has been created and queued for execution", t));
    }

    private static Map<String, Object> transferResult(Call call, String code, String message, TaskRecord t) {
        Map<String, Object> d = Results.result("transfer_result", code, message, call);
        d.put("submission_id", t.submissionId);
        d.put("task_id", t.taskId);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("DATA_TYPE", "link");
        link.put("href", "/v0.10/task/" + t.taskId + "?format=json");
        link.put("rel", "related");
        link.put("resource", "task");
        link.put("title", "related task");
        d.put("task_link", link);
        return d;
    }

    /** A task the caller owns: 404 {@code TaskNotFound} or 403 {@code PermissionDenied} otherwise. */
    private TaskRecord ownTask(Call call, Caller caller) {
        String id = call.path("task_id");
        TaskRecord t = tasks.get(id);
        if (t == null) throw ApiError.notFound("TaskNotFound", "Task '" + id + "' not found");
        if (!caller.id().equals(t.ownerId)) {
            throw new ApiError(403, "PermissionDenied", "You do not have permission to access task '" + id + "'");
        }
        return t;
    }

    private Reply task(Call call) {
        Caller caller = auth.authenticate(call);
        return Reply.json(TaskDocuments.task(ownTask(call, caller)));
    }

    private Reply taskList(Call call) {
        Caller caller = auth.authenticate(call);
        int limit = call.intParam("limit", 10);
        int offset = call.intParam("offset", 0);
        if (limit < 1 || offset < 0) throw ApiError.badRequest("limit must be positive and offset non-negative");
        limit = Math.min(limit, 1000);
        var filter = TaskListQuery.filter(call.param("filter"));
        List<TaskRecord> mine = tasks.find(t -> caller.id().equals(t.ownerId));
        List<TaskRecord> matching = new ArrayList<>();
        for (TaskRecord t : mine) {
            synchronized (t) {
                if (filter.test(t)) matching.add(t);
            }
        }
        matching.sort(TaskListQuery.order(call.param("orderby")));
        Set<String> fields = fieldsOf(call.param("fields"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            Map<String, Object> doc = TaskDocuments.task(matching.get(i));
            if (fields != null) doc.keySet().removeIf(k -> !fields.contains(k));
            data.add(doc);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "task_list");
        d.put("length", data.size());
        d.put("limit", limit);
        d.put("offset", offset);
        d.put("total", matching.size());
        d.put("DATA", data);
        return Reply.json(d);
    }

    private static Set<String> fieldsOf(String fields) {
        if (fields == null || fields.isBlank()) return null;
        Set<String> out = Arrays.stream(fields.split(",")).map(String::trim).collect(Collectors.toSet());
        out.add("DATA_TYPE");
        return out;
    }

    private Reply successfulTransfers(Call call) {
        Caller caller = auth.authenticate(call);
        TaskRecord t = ownTask(call, caller);
        int marker = call.intParam("marker", 0);
        if (marker < 0) throw ApiError.badRequest("marker must be non-negative");
        int pageSize = settings.successfulTransfersPageSize();
        List<Map<String, Object>> data = new ArrayList<>();
        Integer next;
        synchronized (t) {
            int end = Math.min(t.successfulTransfers.size(), marker + pageSize);
            for (int i = marker; i < end; i++) data.add(TaskDocuments.successfulTransfer(t.successfulTransfers.get(i)));
            next = end < t.successfulTransfers.size() ? end : null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "successful_transfers");
        d.put("marker", marker);
        d.put("next_marker", next);
        d.put("DATA", data);
        return Reply.json(d);
    }

    private Reply eventList(Call call) {
        Caller caller = auth.authenticate(call);
        TaskRecord t = ownTask(call, caller);
        int limit = Math.min(call.intParam("limit", 10), 1000);
        int offset = call.intParam("offset", 0);
        if (limit < 1 || offset < 0) throw ApiError.badRequest("limit must be positive and offset non-negative");
        Boolean errorsOnly = null;
        String filter = call.param("filter");
        if (filter != null && !filter.isBlank()) {
            if (!filter.startsWith("is_error:")) throw ApiError.badRequest("Unsupported event filter '" + filter + "'");
            String v = filter.substring("is_error:".length()).trim();
            errorsOnly = v.equals("1") || v.equalsIgnoreCase("true");
        }
        List<TaskRecord.Event> events;
        synchronized (t) {
            events = new ArrayList<>(t.events);
        }
        java.util.Collections.reverse(events); // newest first, as Globus lists them
        if (errorsOnly != null) {
            boolean want = errorsOnly;
            events.removeIf(e -> e.isError != want);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = offset; i < Math.min(events.size(), offset + limit); i++) data.add(TaskDocuments.event(events.get(i)));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "event_list");
        d.put("offset", offset);
        d.put("limit", limit);
        d.put("total", events.size());
        d.put("DATA", data);
        return Reply.json(d);
    }

    private Reply cancel(Call call) {
        Caller caller = auth.authenticate(call);
        TaskRecord t = ownTask(call, caller);
        boolean wasActive = engine.abort(t, TransferEngine.Abort.cancel());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DATA_TYPE", "result");
        if (wasActive) {
            d.put("code", "Canceled");
            d.put("message", "The task has been cancelled successfully.");
        } else {
            d.put("code", "TaskComplete");
            d.put("message", "The task completed before the cancel request was processed.");
        }
        d.put("resource", call.resource());
        d.put("request_id", Ids.requestId());
        return Reply.json(d);
    }
}
