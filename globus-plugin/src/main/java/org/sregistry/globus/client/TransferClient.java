package org.sregistry.globus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Globus Transfer v0.10: endpoint search and lookup, Globus Connect Personal creation, {@code ls}/{@code stat}/
 * {@code mkdir}, transfer submission, tasks, successful transfers, events and cancel. Paging follows each call's own
 * rules (globus-api.md §1.3). Uses the {@code transfer.api.globus.org} token from its {@link AccessTokenManager}.
 * Thread-safe.
 */
public final class TransferClient {

    /** Globus's hard cap on endpoint search results. */
    public static final int ENDPOINT_SEARCH_CAP = 1000;
    /** SDK page size for endpoint search. */
    public static final int ENDPOINT_SEARCH_PAGE = 100;
    /** Largest task_list page. */
    public static final int TASK_LIST_PAGE = 1000;
    /** Event list page size. */
    public static final int EVENT_LIST_PAGE = 100;

    private static final String V = "v0.10/";

    private final GlobusClientConfig config;
    private final AccessTokenManager tokens;
    private final GlobusHttp http;

    /** A client for {@code config.transferRoot()} using the manager's Transfer token. */
    public TransferClient(GlobusClientConfig config, AccessTokenManager tokens) {
        this.config = Objects.requireNonNull(config);
        this.tokens = Objects.requireNonNull(tokens);
        this.http = new GlobusHttp(config);
    }

    /** The same client with other tokens (e.g. a transfer token carrying a collection's data_access consent). */
    public TransferClient withTokens(AccessTokenManager other) {
        return new TransferClient(config, other);
    }

    // ---- endpoints ----

    /** One page of {@code GET /endpoint_search}. */
    public EndpointPage searchEndpointsPage(EndpointSearch search, int offset, int limit) {
        QueryString q = search.toQuery().put("offset", offset).put("limit", limit);
        return read(get("endpoint_search", q), EndpointPage.class);
    }

    /** All results (pages of 100 while {@code has_next_page}, at most 1000 — Globus's cap). */
    public List<Endpoint> searchEndpoints(EndpointSearch search) {
        return searchEndpoints(search, ENDPOINT_SEARCH_PAGE, ENDPOINT_SEARCH_CAP);
    }

    /** All results with a chosen page size, stopping at {@code maxResults} (≤ 1000). */
    public List<Endpoint> searchEndpoints(EndpointSearch search, int pageSize, int maxResults) {
        int cap = Math.min(maxResults, ENDPOINT_SEARCH_CAP);
        List<Endpoint> all = new ArrayList<>();
        int offset = 0;
        while (all.size() < cap) {
            EndpointPage page = searchEndpointsPage(search, offset, Math.min(pageSize, cap - all.size()));
            all.addAll(page.data().subList(0, Math.min(page.data().size(), cap - all.size())));
            if (!Boolean.TRUE.equals(page.hasNextPage()) || page.data().isEmpty()) {
                break;
            }
            offset += page.data().size();
        }
        return all;
    }

    /** {@code GET /endpoint/{id}}; unknown id → 404 {@code EndpointNotFound}. */
    public Endpoint getEndpoint(String endpointId) {
        return read(get("endpoint/" + seg(endpointId), null), Endpoint.class);
    }

    /**
     * Creates a Globus Connect Personal endpoint ({@code POST /endpoint}, {@code is_globus_connect: true}).
     * Not retried: a repeated create could make a second endpoint.
     */
    public CreatedEndpoint createGlobusConnectPersonal(String displayName, String description) {
        ObjectNode doc = GlobusJson.mapper().createObjectNode();
        doc.put("DATA_TYPE", "endpoint");
        doc.put("display_name", Objects.requireNonNull(displayName, "displayName"));
        doc.put("is_globus_connect", true);
        if (description != null) {
            doc.put("description", description);
        }
        ApiCall call = new ApiCall("POST", config.transferRoot(), V + "endpoint", new QueryString(), doc.toString(),
                "application/json", GlobusScopes.TRANSFER_RESOURCE_SERVER, false, true);
        return read(http.send(call, tokens), CreatedEndpoint.class);
    }

    // ---- files ----

    /** One page of {@code ls}; {@code limit} null = Globus's maximum. */
    public FileListing lsPage(String endpointId, LsOptions options, int offset, Integer limit) {
        QueryString q = options.toQuery().put("offset", offset == 0 ? null : offset).put("limit", limit);
        return read(get("operation/endpoint/" + seg(endpointId) + "/ls", q), FileListing.class);
    }

    /** The whole directory, following {@code offset/length/total} when Globus pages it. */
    public FileListing ls(String endpointId, LsOptions options) {
        return ls(endpointId, options, null);
    }

    /** The whole directory, asking for pages of {@code pageSize} entries (null = Globus's maximum). */
    public FileListing ls(String endpointId, LsOptions options, Integer pageSize) {
        FileListing first = lsPage(endpointId, options, 0, pageSize);
        if (first.total() == null || first.data().size() >= first.total()) {
            return first;
        }
        List<FileEntry> all = new ArrayList<>(first.data());
        while (all.size() < first.total()) {
            FileListing next = lsPage(endpointId, options, all.size(), pageSize);
            if (next.data().isEmpty()) {
                break;
            }
            all.addAll(next.data());
        }
        return first.withData(all);
    }

    /** {@code ls} of one path with Globus defaults. */
    public FileListing ls(String endpointId, String path) {
        return ls(endpointId, LsOptions.path(path));
    }

    /** {@code GET .../stat?path=}: one file document; missing → 404 {@code NotFound}. */
    public FileEntry stat(String endpointId, String path) {
        QueryString q = new QueryString().put("path", Objects.requireNonNull(path, "path"));
        return read(get("operation/endpoint/" + seg(endpointId) + "/stat", q), FileEntry.class);
    }

    /** {@code mkdir} (not recursive); an existing target → 502 {@code ExternalError.MkdirFailed.Exists}. */
    public OperationResult mkdir(String endpointId, String path) {
        ObjectNode doc = GlobusJson.mapper().createObjectNode();
        doc.put("DATA_TYPE", "mkdir");
        doc.put("path", Objects.requireNonNull(path, "path"));
        return read(post("operation/endpoint/" + seg(endpointId) + "/mkdir", doc.toString()), OperationResult.class);
    }

    /** {@code mkdir} that treats "already exists" as success (a retried mkdir may also see Exists). */
    public boolean ensureDirectory(String endpointId, String path) {
        try {
            mkdir(endpointId, path);
            return true;
        } catch (GlobusApiException e) {
            if (e.isCode("ExternalError.MkdirFailed.Exists") || e.isCode("ClientError.AlreadyExists")) {
                return false;
            }
            throw e;
        }
    }

    // ---- transfers and tasks ----

    /** {@code GET /submission_id}: one per logical submission. */
    public String submissionId() {
        JsonNode json = get("submission_id", null);
        return json.path("value").asText(null);
    }

    /**
     * Submits a transfer. Without a submission id in the request, one is fetched first; the same id (and body) is
     * sent on every retry, so a retried submit answers {@code Duplicate} with the original task instead of
     * starting a second one.
     */
    public TransferResult submitTransfer(TransferRequest request) {
        TransferRequest withId = request.submissionId() != null ? request : request.withSubmissionId(submissionId());
        return read(post("transfer", withId.toJson().toString()), TransferResult.class);
    }

    /** {@code GET /task/{id}}. */
    public Task getTask(String taskId) {
        return read(get("task/" + seg(taskId), null), Task.class);
    }

    /** One page of {@code GET /task_list}. */
    public TaskPage taskListPage(TaskListQuery query, int offset, int limit) {
        QueryString q = query.toQuery().put("offset", offset).put("limit", limit);
        return read(get("task_list", q), TaskPage.class);
    }

    /** Every matching task (pages of 1000 until {@code offset >= total}). */
    public List<Task> taskList(TaskListQuery query) {
        return taskList(query, TASK_LIST_PAGE, Integer.MAX_VALUE);
    }

    /** Matching tasks in pages of {@code pageSize}, at most {@code maxResults}. */
    public List<Task> taskList(TaskListQuery query, int pageSize, int maxResults) {
        List<Task> all = new ArrayList<>();
        int offset = 0;
        while (all.size() < maxResults) {
            TaskPage page = taskListPage(query, offset, Math.min(pageSize, maxResults - all.size()));
            all.addAll(page.data());
            offset += page.data().size();
            if (page.data().isEmpty() || page.total() == null || offset >= page.total()) {
                break;
            }
        }
        return all.size() > maxResults ? all.subList(0, maxResults) : all;
    }

    /** One page of {@code successful_transfers}; {@code marker} null for the first. */
    public SuccessfulTransfersPage successfulTransfersPage(String taskId, Long marker) {
        QueryString q = new QueryString().put("marker", marker);
        return read(get("task/" + seg(taskId) + "/successful_transfers", q), SuccessfulTransfersPage.class);
    }

    /** Every successful transfer of a task, following {@code next_marker} until null. */
    public List<SuccessfulTransfer> successfulTransfers(String taskId) {
        List<SuccessfulTransfer> all = new ArrayList<>();
        forEachSuccessfulTransfer(taskId, all::add);
        return all;
    }

    /** Streams every successful transfer of a task to {@code sink}, page by page. */
    public void forEachSuccessfulTransfer(String taskId, Consumer<SuccessfulTransfer> sink) {
        Long marker = null;
        while (true) {
            SuccessfulTransfersPage page = successfulTransfersPage(taskId, marker);
            page.data().forEach(sink);
            Long next = page.nextMarker();
            if (next == null || next.equals(marker)) {
                return; // null = done; an unchanged marker would loop forever
            }
            marker = next;
        }
    }

    /** One page of {@code event_list}; {@code errorsOnly} null = all, true/false = {@code filter=is_error:1|0}. */
    public EventPage eventListPage(String taskId, Boolean errorsOnly, int offset, int limit) {
        QueryString q = new QueryString().put("offset", offset).put("limit", limit)
                .put("filter", errorsOnly == null ? null : "is_error:" + (errorsOnly ? "1" : "0"));
        return read(get("task/" + seg(taskId) + "/event_list", q), EventPage.class);
    }

    /** Every event of a task (until {@code offset >= total}). */
    public List<TaskEvent> eventList(String taskId, Boolean errorsOnly) {
        return eventList(taskId, errorsOnly, EVENT_LIST_PAGE);
    }

    /** Every event of a task in pages of {@code pageSize}. */
    public List<TaskEvent> eventList(String taskId, Boolean errorsOnly, int pageSize) {
        List<TaskEvent> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            EventPage page = eventListPage(taskId, errorsOnly, offset, pageSize);
            all.addAll(page.data());
            offset += page.data().size();
            if (page.data().isEmpty() || page.total() == null || offset >= page.total()) {
                return all;
            }
        }
    }

    /** {@code POST /task/{id}/cancel}: {@code Canceled}, or {@code TaskComplete} when already finished. */
    public OperationResult cancelTask(String taskId) {
        return read(post("task/" + seg(taskId) + "/cancel", null), OperationResult.class);
    }

    // ---- plumbing ----

    private JsonNode get(String path, QueryString query) {
        return http.send(ApiCall.transferGet(config.transferRoot(), V + path,
                query == null ? new QueryString() : query), tokens);
    }

    private JsonNode post(String path, String json) {
        return http.send(ApiCall.transferPost(config.transferRoot(), V + path, json), tokens);
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        return GlobusJson.read(json, type);
    }

    private static String seg(String id) {
        return QueryString.segment(Objects.requireNonNull(id, "id"));
    }
}
