package org.sregistry.globus.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sregistry.globus.browse.EndpointIds;
import org.sregistry.globus.browse.EndpointPaths;
import org.sregistry.globus.browse.InvalidInputException;
import org.sregistry.globus.client.FileEntry;
import org.sregistry.globus.client.FileListing;
import org.sregistry.globus.client.GlobusApiException;
import org.sregistry.globus.client.GlobusTimestamps;
import org.sregistry.globus.client.LsOptions;
import org.sregistry.globus.connection.ConnectionStatus;
import org.sregistry.globus.connection.GlobusNotConfiguredException;
import org.sregistry.globus.connection.GlobusServices;
import org.sregistry.globus.connection.InvalidCodeException;
import org.sregistry.globus.connection.LoginResult;
import org.sregistry.globus.connection.PendingLogin;
import org.sregistry.globus.connection.SignInHandover;
import org.sregistry.globus.connection.Connection;
import org.sregistry.globus.consent.ConsentClients;
import org.sregistry.globus.tokens.IdentityInUseException;
import org.sregistry.globus.consent.ConsentScope;
import org.sregistry.globus.endpoints.EndpointDirectory;
import org.sregistry.globus.endpoints.EndpointListing;
import org.sregistry.globus.imports.QuarantineActions;
import org.sregistry.globus.transfers.ProgressRefresher;
import org.sregistry.globus.transfers.SubmitIntents;
import org.sregistry.globus.transfers.TransferLedger;
import org.sregistry.globus.transfers.TransferRecord;

/**
 * The Globus JSON API under {@code /api/globus} (admin: session, HTTP Basic or bearer token): endpoints, folder
 * listings, the transfers this registry submitted, and a login for scripts (and the demo mode) that does what
 * "Connect Globus" does: start → authorize URL and login id; finish with the code. Errors are JSON with our
 * status, Globus's {@code code} and message.
 */
@Path("api/globus")
@Produces(MediaType.APPLICATION_JSON)
public class GlobusApi {
    private static final Logger LOG = LoggerFactory.getLogger(GlobusApi.class);
    private static final int MAX_TASKS = 200;

    private final GlobusServices services;
    private final EndpointDirectory directory;
    private final CallerConnection mine;
    private final TransferLedger ledger;
    private final SubmitIntents intents;
    private final ProgressRefresher refresher;
    private final QuarantineActions quarantine;
    private final ApiLogins logins;
    private final TaskSteering steering;
    private final org.sregistry.api.Access access;
    private final TransferVisibility visibility;
    private final SignInHandover handover;

    /**
     * The API over the plugin's services; {@code steering} cancels and retries tasks for the caller; {@code handover}
     * connects a user from their sign-in when they ask for their connection.
     */
    public GlobusApi(GlobusServices services, CallerConnection mine, EndpointDirectory directory,
                     TransferLedger ledger, SubmitIntents intents, ProgressRefresher refresher,
                     QuarantineActions quarantine, ApiLogins logins, TaskSteering steering,
                     org.sregistry.api.Access access, SignInHandover handover) {
        this.handover = handover;
        this.steering = steering;
        this.access = access;
        this.visibility = new TransferVisibility(access, ledger, intents);
        this.services = services;
        this.directory = directory;
        this.mine = mine;
        this.ledger = ledger;
        this.intents = intents;
        this.refresher = refresher;
        this.quarantine = quarantine;
        this.logins = logins;
    }

    /**
     * The caller's Globus connection: {@code own} true when it is their own identity (per-user connections), false
     * when the registry's service connection acts for everyone; its state as Globus answers now. A user without a
     * connection whose sign-in brought a Globus Transfer token is connected with it first ({@code origin: sign_in});
     * when its identity is another account's: 409 {@code identity_in_use}, as for Connect.
     */
    @GET
    @Path("me")
    public Map<String, Object> me() {
        SignInHandover.Result handed = handover.offer(access.caller().orElse(null));
        if (handed.outcome() == SignInHandover.Outcome.IDENTITY_IN_USE) {
            throw JsonErrors.of(409, "identity_in_use", handed.message());
        }
        Connection connection = mine.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", access.caller().map(org.sregistry.api.Access.Caller::username).orElse(null));
        body.put("own", !connection.isService());
        body.put("connection", ConnectionJson.of(connection.status(), connection.isService() ? null
                : services.connections().userStore().connection(connection.user()).orElse(null)));
        return body;
    }

    /** Every user's own connection as stored (administrators only), without asking Globus. */
    @GET
    @Path("connections")
    public Map<String, Object> connections() {
        if (!access.caller().map(org.sregistry.api.Access.Caller::admin).orElse(false)) {
            throw JsonErrors.of(403, "forbidden", "only administrators see every user's Globus connection");
        }
        List<Map<String, Object>> all = services.connections().userConnections().stream()
                .map(ConnectionJson::stored).toList();
        return Map.of("connections", all);
    }

    /** Endpoints: own and shared (no query), a full-text search of {@code all}, or one scope. */
    @GET
    @Path("endpoints")
    public Map<String, Object> endpoints(@QueryParam("scope") String scope, @QueryParam("q") String query,
                                         @QueryParam("refresh") String refresh) {
        try {
            EndpointListing listing = directory.find(mine.get(), scope, query, "1".equals(refresh) || "true".equals(refresh));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", listing.query());
            body.put("scopes", listing.scopes());
            body.put("cached", listing.cached());
            body.put("fetched_at", listing.fetchedAt().toString());
            body.put("endpoints", listing.rows());
            return body;
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "listing endpoints", null);
        }
    }

    /** A folder of an endpoint ({@code path} omitted: its default directory). */
    @GET
    @Path("endpoints/{endpointId}/ls")
    public Map<String, Object> ls(@PathParam("endpointId") String endpointId, @QueryParam("path") String path) {
        String id = null;
        try {
            id = EndpointIds.check(endpointId);
            String dir = EndpointPaths.directory(path);
            FileListing listing = ConsentClients.quickFor(mine.get(), id).ls(id, LsOptions.path(dir).withOrderBy("type,name"));
            List<Map<String, Object>> entries = new ArrayList<>();
            for (FileEntry f : listing.data()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", f.name());
                e.put("type", f.type());
                e.put("size", f.size());
                e.put("last_modified", f.lastModified() == null ? null : GlobusTimestamps.format(f.lastModified()));
                e.put("image", f.isFile() && f.name() != null && BrowserView.isImage(f.name()));
                entries.add(e);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("endpoint_id", id);
            body.put("path", listing.path() != null ? listing.path() : dir);
            body.put("entries", entries);
            return body;
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "listing " + (path == null ? "the default folder" : path), id);
        }
    }

    /** The transfers this registry knows, newest first, and the submits Globus has not confirmed yet. */
    @GET
    @Path("tasks")
    public Map<String, Object> tasks(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        int n = limit == null ? 50 : limit;
        int from = offset == null ? 0 : offset;
        if (n < 1 || n > MAX_TASKS || from < 0) {
            throw JsonErrors.of(400, "bad_request", "limit must be 1.." + MAX_TASKS + " and offset not negative");
        }
        List<TaskView> views = refresher.refresh(visibility.page(n, from)).stream().map(TaskView::of).toList();
        List<TaskView> submitting = visibility.intents(MAX_TASKS).stream().map(TaskView::of).toList();
        return Map.of("tasks", views, "submitting", submitting, "limit", n, "offset", from);
    }

    /** One transfer (by task id, or by submission id when it has no task). */
    @GET
    @Path("tasks/{taskId}")
    public TaskView task(@PathParam("taskId") String taskId) {
        String key = key(taskId);
        Optional<TransferRecord> record = visibility.record(key);
        if (record.isPresent()) {
            return TaskView.of(refresher.refresh(record.get()));
        }
        return visibility.intent(key).map(TaskView::of).orElseThrow(() ->
                JsonErrors.of(404, "unknown_task", "this registry has no record of task " + taskId));
    }

    /** Retry a quarantined file now: 202 and the transfer; the import task runs soon. */
    @POST
    @Path("tasks/{taskId}/items/{index}/retry")
    public jakarta.ws.rs.core.Response retry(@PathParam("taskId") String taskId, @PathParam("index") int index) {
        String key = key(taskId);
        answer(quarantine.retry(key, index), key, "retry");
        return jakarta.ws.rs.core.Response.accepted(task(key)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Discard a quarantined file: its bytes are deleted; answers the transfer. */
    @POST
    @Path("tasks/{taskId}/items/{index}/discard")
    public TaskView discard(@PathParam("taskId") String taskId, @PathParam("index") int index) {
        String key = key(taskId);
        answer(quarantine.discard(key, index), key, "discard");
        return task(key);
    }

    /**
     * Cancel the task ({@code 200} with {@code outcome} {@code CANCELED}, or {@code ALREADY_FINISHED} when it had
     * ended or was canceled already) and the transfer as it is now.
     */
    @POST
    @Path("tasks/{taskId}/cancel")
    public Map<String, Object> cancel(@PathParam("taskId") String taskId) {
        String key = key(taskId);
        String by = access.caller().map(org.sregistry.api.Access.Caller::username).orElse("someone");
        try {
            return steered(steering.cancel(key, by));
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "canceling the task", null);
        }
    }

    /**
     * Retry a failed, canceled or refused send or bring: {@code 200} with {@code outcome} {@code RETRIED} and the new
     * transfer ({@code task.key}); {@code 409} when it cannot be retried (running, done, retried already).
     */
    @POST
    @Path("tasks/{taskId}/retry")
    public Map<String, Object> retryTask(@PathParam("taskId") String taskId) {
        String key = key(taskId);
        org.sregistry.api.Access.Caller caller = access.caller()
                .orElseThrow(() -> JsonErrors.of(401, "unauthorized", "retry needs a signed-in user"));
        try {
            return steered(steering.retry(key, org.sregistry.globus.transfers.Submitter.of(access, caller)));
        } catch (java.io.IOException e) {
            throw JsonErrors.of(e instanceof org.sregistry.api.InsufficientStorageException ? 507 : 500,
                    "staging_failed", "the staging folder could not be written: " + e.getMessage());
        } catch (RuntimeException e) {
            throw JsonErrors.from(e, "the retry", null);
        }
    }

    private Map<String, Object> steered(TaskSteering.Outcome outcome) {
        switch (outcome.kind()) {
            case UNKNOWN -> throw JsonErrors.of(404, "unknown_task", outcome.message());
            case NOT_POSSIBLE -> throw JsonErrors.of(409, "not_possible", outcome.message());
            default -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("outcome", outcome.kind().name());
                body.put("message", outcome.message());
                body.put("task", task(outcome.key()));
                return body;
            }
        }
    }

    /** The key of a transfer the caller may see (another user's is 404, as a missing one). */
    private String key(String taskId) {
        if (!EndpointIds.valid(taskId)) {
            throw JsonErrors.of(400, "bad_request", "task id must be a UUID");
        }
        String key = taskId.toLowerCase();
        if (!visibility.exists(key)) {
            throw JsonErrors.of(404, "unknown_task", "this registry has no record of task " + taskId);
        }
        return key;
    }

    private static void answer(QuarantineActions.Result result, String key, String what) {
        switch (result) {
            case DONE -> {
            }
            case NOT_QUARANTINED -> throw JsonErrors.of(409, "not_quarantined", "cannot " + what + ": that file is "
                    + "not in quarantine (any more)");
            case UNKNOWN -> throw JsonErrors.of(404, "unknown_item", "transfer " + key + " has no such file");
        }
    }

    /** Starts a Globus login: open {@code authorize_url}, then post the code to {@code /api/globus/login/{login_id}}. */
    @POST
    @Path("login")
    public Map<String, Object> startLogin() {
        try {
            Connection connection = mine.get();
            PendingLogin login = connection.login().start();
            return started(logins.add(new ApiLogins.Started(login, null, connection.user())), login, null);
        } catch (GlobusNotConfiguredException e) {
            throw JsonErrors.of(409, "not_configured", e.getMessage());
        }
    }

    /** Starts a consent login for a collection answering {@code ConsentRequired}; finish it like a login. */
    @POST
    @Path("consent/{endpointId}")
    public Map<String, Object> startConsent(@PathParam("endpointId") String endpointId) {
        try {
            ConsentScope scope = ConsentScope.forCollection(EndpointIds.check(endpointId));
            Connection connection = mine.get();
            PendingLogin login = connection.login().start(scope.scopes());
            return started(logins.add(new ApiLogins.Started(login, scope, connection.user())), login, scope);
        } catch (InvalidInputException e) {
            throw JsonErrors.of(400, "bad_request", e.getMessage());
        } catch (GlobusNotConfiguredException e) {
            throw JsonErrors.of(409, "not_configured", e.getMessage());
        }
    }

    /** Finishes a login or consent with {@code {"code": "..."}}; answers the connection. */
    @POST
    @Path("login/{loginId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> finishLogin(@PathParam("loginId") String loginId, JsonNode body) {
        Connection connection = mine.get();
        ApiLogins.Started started = logins.find(loginId == null ? "" : loginId)
                .filter(s -> java.util.Objects.equals(s.user(), connection.user())) // another user's is not theirs
                .orElseThrow(() -> JsonErrors.of(404, "unknown_login",
                        "no login in progress with this id (it may have expired): start a new one"));
        String code = body != null && body.path("code").isTextual() ? body.path("code").asText() : null;
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            if (started.consent() == null) {
                LoginResult result = connection.login().complete(started.login(), code);
                answer.put("identity", result.identityName());
            } else {
                connection.login().completeConsent(started.login(), code, started.consent().key());
                answer.put("consent_for", started.consent().collectionId());
            }
            logins.forget(loginId);
            ConnectionStatus status = connection.status();
            answer.put("state", status.state().name());
            answer.put("connected", status.connected());
            return answer;
        } catch (InvalidCodeException e) {
            throw JsonErrors.of(400, "invalid_code", e.getMessage());
        } catch (IdentityInUseException e) {
            logins.forget(loginId);
            throw JsonErrors.of(409, "identity_in_use", e.getMessage());
        } catch (GlobusNotConfiguredException e) {
            throw JsonErrors.of(409, "not_configured", e.getMessage());
        } catch (GlobusApiException e) {
            LOG.info("API login refused by Globus: {}", e.code());
            if (e.networkError()) {
                throw JsonErrors.of(502, "globus_unreachable", "Globus did not answer: " + e.globusMessage());
            }
            throw JsonErrors.of(400, "code_refused", "Globus did not accept the code (" + e.code() + "); codes "
                    + "work once: start a new login");
        }
    }

    private static Map<String, Object> started(String id, PendingLogin login, ConsentScope scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login_id", id);
        body.put("authorize_url", login.authorizeUrl().toString());
        body.put("finish", "/api/globus/login/" + id);
        if (scope != null) {
            body.put("scope", scope.key());
        }
        return body;
    }
}
